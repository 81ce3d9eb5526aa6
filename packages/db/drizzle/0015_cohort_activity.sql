CREATE TYPE "public"."activity_audience" AS ENUM('cohort', 'set', 'group');--> statement-breakpoint
CREATE TABLE "cohort_activity" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cohort_id" uuid NOT NULL,
	"audience" "activity_audience" NOT NULL,
	"audience_id" uuid,
	"permission" text DEFAULT 'cohort.view' NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"title" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cohort_activity" ADD CONSTRAINT "cohort_activity_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_activity" ADD CONSTRAINT "cohort_activity_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cohort_activity_cohort_id_id_index" ON "cohort_activity" USING btree ("cohort_id","id");