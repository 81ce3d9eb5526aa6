ALTER TABLE "cohorts" ADD COLUMN "archive_after_months" integer;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "delete_after_months" integer;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "deletion_started_at" timestamp with time zone;