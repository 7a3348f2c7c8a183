CREATE TABLE "core"."ai_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"capability" text NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"prompt_version" text,
	"latency_ms" integer NOT NULL,
	"prompt_tokens" integer DEFAULT 0 NOT NULL,
	"completion_tokens" integer DEFAULT 0 NOT NULL,
	"audio_seconds" real DEFAULT 0 NOT NULL,
	"characters" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"error_code" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ai_calls_status" CHECK ("core"."ai_calls"."status" IN ('ok', 'error')),
	CONSTRAINT "ai_calls_capability" CHECK ("core"."ai_calls"."capability" IN ('chat', 'embed', 'transcribe', 'speak', 'voice'))
);
--> statement-breakpoint
ALTER TABLE "core"."ai_calls" ADD CONSTRAINT "ai_calls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_calls_created_idx" ON "core"."ai_calls" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ai_calls_user_created_idx" ON "core"."ai_calls" USING btree ("user_id","created_at");