CREATE TABLE "journal_set_shares" (
	"entry_id" uuid NOT NULL,
	"set_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_set_shares_entry_id_set_id_pk" PRIMARY KEY("entry_id","set_id")
);
--> statement-breakpoint
ALTER TABLE "boards" ADD COLUMN "set_id" uuid;--> statement-breakpoint
ALTER TABLE "journal_set_shares" ADD CONSTRAINT "journal_set_shares_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_set_shares" ADD CONSTRAINT "journal_set_shares_set_id_learning_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."learning_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journal_set_shares_set_id_index" ON "journal_set_shares" USING btree ("set_id");--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_set_id_learning_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."learning_sets"("id") ON DELETE cascade ON UPDATE no action;