CREATE TABLE "board_held_cards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"board_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"column_id" text NOT NULL,
	"text" text NOT NULL,
	"colour" text NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "board_held_cards" ADD CONSTRAINT "board_held_cards_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_held_cards" ADD CONSTRAINT "board_held_cards_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_held_cards_board_id_author_id_index" ON "board_held_cards" USING btree ("board_id","author_id");