CREATE TABLE "document_texts" (
	"doc_name" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "document_texts_search" ON "document_texts" USING gin (to_tsvector('english', "text"));