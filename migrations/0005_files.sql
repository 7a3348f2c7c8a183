CREATE TABLE "core"."files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"product" text NOT NULL,
	"purpose" text NOT NULL,
	"blob_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"original_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "files_size_nonnegative" CHECK ("core"."files"."size" >= 0)
);
--> statement-breakpoint
ALTER TABLE "core"."files" ADD CONSTRAINT "files_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "files_blob_key_key" ON "core"."files" USING btree ("blob_key");--> statement-breakpoint
CREATE INDEX "files_owner_created_idx" ON "core"."files" USING btree ("owner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "files_deleted_at_idx" ON "core"."files" USING btree ("deleted_at") WHERE "core"."files"."deleted_at" IS NOT NULL;