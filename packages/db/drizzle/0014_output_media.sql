CREATE TYPE "public"."output_media_kind" AS ENUM('cover', 'film', 'report');--> statement-breakpoint
CREATE TABLE "output_media" (
	"output_id" uuid NOT NULL,
	"kind" "output_media_kind" NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "output_media_output_id_kind_pk" PRIMARY KEY("output_id","kind")
);
--> statement-breakpoint
ALTER TABLE "output_media" ADD CONSTRAINT "output_media_output_id_group_outputs_id_fk" FOREIGN KEY ("output_id") REFERENCES "public"."group_outputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "output_media" ADD CONSTRAINT "output_media_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;