CREATE TABLE "core"."knowledge_chunks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"collection_id" uuid NOT NULL,
	"dimension" integer NOT NULL,
	"document_key" text,
	"title" text,
	"content" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"embedding" real[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_chunks_embedding_dimension" CHECK (array_ndims("core"."knowledge_chunks"."embedding") = 1 AND cardinality("core"."knowledge_chunks"."embedding") = "core"."knowledge_chunks"."dimension" AND array_position("core"."knowledge_chunks"."embedding", NULL) IS NULL),
	CONSTRAINT "knowledge_chunks_metadata_object" CHECK (jsonb_typeof("core"."knowledge_chunks"."metadata") = 'object')
);
--> statement-breakpoint
CREATE TABLE "core"."knowledge_collections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"dimension" integer NOT NULL,
	"embedding_model" text,
	"chunk_count" integer DEFAULT 0 NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_collections_id_dimension_key" UNIQUE("id","dimension"),
	CONSTRAINT "knowledge_collections_name_format" CHECK ("core"."knowledge_collections"."name" ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
	CONSTRAINT "knowledge_collections_dimension_range" CHECK ("core"."knowledge_collections"."dimension" BETWEEN 1 AND 16000)
);
--> statement-breakpoint
CREATE TABLE "core"."knowledge_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"collection_id" uuid NOT NULL,
	"format" text NOT NULL,
	"file_name" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"pending" jsonb,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "knowledge_imports_format" CHECK ("core"."knowledge_imports"."format" IN ('json', 'jsonl', 'markdown')),
	CONSTRAINT "knowledge_imports_status" CHECK ("core"."knowledge_imports"."status" IN ('queued', 'running', 'completed', 'failed')),
	CONSTRAINT "knowledge_imports_progress" CHECK ("core"."knowledge_imports"."done" >= 0 AND "core"."knowledge_imports"."done" <= "core"."knowledge_imports"."total")
);
--> statement-breakpoint
CREATE TABLE "core"."knowledge_query_cache" (
	"id" uuid PRIMARY KEY NOT NULL,
	"collection_id" uuid NOT NULL,
	"query_text" text NOT NULL,
	"query_embedding" real[] NOT NULL,
	"search_key" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"hit_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_hit_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "core"."knowledge_chunks" ADD CONSTRAINT "knowledge_chunks_collection_fk" FOREIGN KEY ("collection_id","dimension") REFERENCES "core"."knowledge_collections"("id","dimension") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."knowledge_imports" ADD CONSTRAINT "knowledge_imports_collection_id_knowledge_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "core"."knowledge_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."knowledge_imports" ADD CONSTRAINT "knowledge_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "core"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."knowledge_query_cache" ADD CONSTRAINT "knowledge_query_cache_collection_id_knowledge_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "core"."knowledge_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_chunks_collection_idx" ON "core"."knowledge_chunks" USING btree ("collection_id","id");--> statement-breakpoint
CREATE INDEX "knowledge_chunks_document_idx" ON "core"."knowledge_chunks" USING btree ("collection_id","document_key");--> statement-breakpoint
CREATE INDEX "knowledge_chunks_metadata_idx" ON "core"."knowledge_chunks" USING gin ("metadata" jsonb_path_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_collections_name_key" ON "core"."knowledge_collections" USING btree ("name");--> statement-breakpoint
CREATE INDEX "knowledge_imports_collection_idx" ON "core"."knowledge_imports" USING btree ("collection_id","created_at");--> statement-breakpoint
CREATE INDEX "knowledge_query_cache_lookup_idx" ON "core"."knowledge_query_cache" USING btree ("collection_id","expires_at");