CREATE TYPE "public"."action_status" AS ENUM('open', 'done');--> statement-breakpoint
CREATE TYPE "public"."event_kind" AS ENUM('masterclass', 'celebration', 'other');--> statement-breakpoint
CREATE TYPE "public"."follow_up_outcome" AS ENUM('done', 'partly', 'not_yet');--> statement-breakpoint
CREATE TYPE "public"."poll_answer" AS ENUM('yes', 'if_need_be', 'no');--> statement-breakpoint
CREATE TYPE "public"."poll_status" AS ENUM('open', 'confirmed');--> statement-breakpoint
CREATE TYPE "public"."rsvp_answer" AS ENUM('going', 'maybe', 'cant');--> statement-breakpoint
CREATE TABLE "action_follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"occurrence_id" uuid NOT NULL,
	"outcome" "follow_up_outcome" NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_follow_ups_actionId_occurrenceId_unique" UNIQUE("action_id","occurrence_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "cohort_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cohort_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" "event_kind" NOT NULL,
	"local_start" text NOT NULL,
	"timezone" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"location" text,
	"video_url" text,
	"description" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_checkins" (
	"occurrence_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"note" text,
	"checked_in_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_checkins_occurrence_id_user_id_pk" PRIMARY KEY("occurrence_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_occurrences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"original_start" timestamp with time zone NOT NULL,
	"local_start" text,
	"starts_at" timestamp with time zone,
	"duration_minutes" integer,
	"location" text,
	"video_url" text,
	"cancelled" boolean DEFAULT false NOT NULL,
	"added" boolean DEFAULT false NOT NULL,
	"overridden" boolean DEFAULT false NOT NULL,
	CONSTRAINT "meeting_occurrences_meetingId_originalStart_unique" UNIQUE("meeting_id","original_start")
);
--> statement-breakpoint
CREATE TABLE "meeting_presentations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"occurrence_id" uuid NOT NULL,
	"presenter_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"challenge" text,
	"questions" text,
	"timer_started_at" timestamp with time zone,
	"timer_stopped_at" timestamp with time zone,
	CONSTRAINT "meeting_presentations_occurrenceId_presenterId_unique" UNIQUE("occurrence_id","presenter_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_rsvps" (
	"occurrence_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"response" "rsvp_answer" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_rsvps_occurrence_id_user_id_pk" PRIMARY KEY("occurrence_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"set_id" uuid NOT NULL,
	"title" text NOT NULL,
	"local_start" text NOT NULL,
	"timezone" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"rrule" text,
	"location" text,
	"video_url" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_responses" (
	"slot_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"answer" "poll_answer" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_responses_slot_id_user_id_pk" PRIMARY KEY("slot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "poll_slots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"poll_id" uuid NOT NULL,
	"local_start" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"set_id" uuid NOT NULL,
	"title" text NOT NULL,
	"timezone" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"location" text,
	"video_url" text,
	"status" "poll_status" DEFAULT 'open' NOT NULL,
	"confirmed_slot_id" uuid,
	"meeting_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "set_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"set_id" uuid NOT NULL,
	"occurrence_id" uuid NOT NULL,
	"presentation_id" uuid,
	"owner_id" uuid NOT NULL,
	"text" text NOT NULL,
	"due_date" date,
	"status" "action_status" DEFAULT 'open' NOT NULL,
	"due_notified_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "profiles" ALTER COLUMN "timezone" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "profiles" ALTER COLUMN "timezone" DROP NOT NULL;--> statement-breakpoint
-- Until now every profile held Europe/London by default; from here, null means "use the browser's zone".
UPDATE "profiles" SET "timezone" = NULL WHERE "timezone" = 'Europe/London';--> statement-breakpoint
ALTER TABLE "action_follow_ups" ADD CONSTRAINT "action_follow_ups_action_id_set_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."set_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_follow_ups" ADD CONSTRAINT "action_follow_ups_occurrence_id_meeting_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."meeting_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_follow_ups" ADD CONSTRAINT "action_follow_ups_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_events" ADD CONSTRAINT "cohort_events_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_events" ADD CONSTRAINT "cohort_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_checkins" ADD CONSTRAINT "meeting_checkins_occurrence_id_meeting_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."meeting_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_checkins" ADD CONSTRAINT "meeting_checkins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_occurrences" ADD CONSTRAINT "meeting_occurrences_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_presentations" ADD CONSTRAINT "meeting_presentations_occurrence_id_meeting_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."meeting_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_presentations" ADD CONSTRAINT "meeting_presentations_presenter_id_users_id_fk" FOREIGN KEY ("presenter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_rsvps" ADD CONSTRAINT "meeting_rsvps_occurrence_id_meeting_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."meeting_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_rsvps" ADD CONSTRAINT "meeting_rsvps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_set_id_learning_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."learning_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_responses" ADD CONSTRAINT "poll_responses_slot_id_poll_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."poll_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_responses" ADD CONSTRAINT "poll_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_slots" ADD CONSTRAINT "poll_slots_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_set_id_learning_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."learning_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_actions" ADD CONSTRAINT "set_actions_set_id_learning_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."learning_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_actions" ADD CONSTRAINT "set_actions_occurrence_id_meeting_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."meeting_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_actions" ADD CONSTRAINT "set_actions_presentation_id_meeting_presentations_id_fk" FOREIGN KEY ("presentation_id") REFERENCES "public"."meeting_presentations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_actions" ADD CONSTRAINT "set_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "set_actions" ADD CONSTRAINT "set_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cohort_events_cohort_id_index" ON "cohort_events" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "meetings_set_id_index" ON "meetings" USING btree ("set_id");--> statement-breakpoint
CREATE INDEX "poll_slots_poll_id_index" ON "poll_slots" USING btree ("poll_id");--> statement-breakpoint
CREATE INDEX "polls_set_id_index" ON "polls" USING btree ("set_id");--> statement-breakpoint
CREATE INDEX "set_actions_set_id_index" ON "set_actions" USING btree ("set_id");--> statement-breakpoint
CREATE INDEX "set_actions_owner_id_index" ON "set_actions" USING btree ("owner_id");