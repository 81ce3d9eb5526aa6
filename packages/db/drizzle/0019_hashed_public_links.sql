-- Public links to outputs are kept as the sha256 of their token, like invitations and calendar feeds; existing links keep working.
ALTER TABLE "group_outputs" ADD COLUMN "public_token_hash" text;--> statement-breakpoint
UPDATE "group_outputs" SET "public_token_hash" = encode(sha256(convert_to("public_token", 'UTF8')), 'hex') WHERE "public_token" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "group_outputs" DROP CONSTRAINT "group_outputs_publicToken_unique";--> statement-breakpoint
ALTER TABLE "group_outputs" DROP COLUMN "public_token";--> statement-breakpoint
ALTER TABLE "group_outputs" ADD CONSTRAINT "group_outputs_publicTokenHash_unique" UNIQUE("public_token_hash");
