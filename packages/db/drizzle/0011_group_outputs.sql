CREATE TYPE "public"."output_status" AS ENUM('draft', 'submitted', 'published');--> statement-breakpoint
CREATE TABLE "group_outputs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"key_findings" text[] DEFAULT '{}' NOT NULL,
	"film_url" text,
	"status" "output_status" DEFAULT 'draft' NOT NULL,
	"return_comment" text,
	"position" integer,
	"public_token" text,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_outputs_publicToken_unique" UNIQUE("public_token")
);
--> statement-breakpoint
CREATE TABLE "output_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"output_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "group_outputs" ADD CONSTRAINT "group_outputs_group_id_project_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."project_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_outputs" ADD CONSTRAINT "group_outputs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "output_feedback" ADD CONSTRAINT "output_feedback_output_id_group_outputs_id_fk" FOREIGN KEY ("output_id") REFERENCES "public"."group_outputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "output_feedback" ADD CONSTRAINT "output_feedback_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "output_feedback" ADD CONSTRAINT "output_feedback_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_outputs_group_id_index" ON "group_outputs" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "output_feedback_output_id_index" ON "output_feedback" USING btree ("output_id");