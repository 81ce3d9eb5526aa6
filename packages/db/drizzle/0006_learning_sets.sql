CREATE TYPE "public"."set_role" AS ENUM('member', 'facilitator');--> statement-breakpoint
CREATE TABLE "learning_sets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cohort_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "set_members" (
	"set_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "set_role" NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "set_members_set_id_user_id_pk" PRIMARY KEY("set_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "learning_sets" ADD CONSTRAINT "learning_sets_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_sets" ADD CONSTRAINT "learning_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_members" ADD CONSTRAINT "set_members_set_id_learning_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."learning_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_members" ADD CONSTRAINT "set_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_sets_cohort_id_index" ON "learning_sets" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "set_members_user_id_index" ON "set_members" USING btree ("user_id");