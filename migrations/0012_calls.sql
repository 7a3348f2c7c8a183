CREATE SCHEMA "calls";
--> statement-breakpoint
CREATE TABLE "calls"."call_logs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"call_session_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"duration_seconds" integer NOT NULL,
	"ended_reason" varchar(20) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_logs_duration" CHECK ("calls"."call_logs"."duration_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "calls"."personas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone_number" text NOT NULL,
	"phone_bidx" text NOT NULL,
	"relationship" varchar(50),
	"profile_image_file_id" uuid,
	"memo" text,
	"learning_status" varchar(20) DEFAULT 'NOT_STARTED' NOT NULL,
	"last_training_job_id" varchar(200),
	"last_training_updated_at" timestamp with time zone,
	"trained_voice_id" varchar(200),
	"training_error" text,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personas_learning_status" CHECK ("calls"."personas"."learning_status" IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'FAILED')),
	CONSTRAINT "personas_deleted_consistent" CHECK ("calls"."personas"."is_deleted" = ("calls"."personas"."deleted_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "calls"."call_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"persona_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" varchar(20) DEFAULT 'INIT' NOT NULL,
	"dialed_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_reason" varchar(20),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_sessions_status" CHECK ("calls"."call_sessions"."status" IN ('INIT', 'CONNECTING', 'ACTIVE', 'ENDED')),
	CONSTRAINT "call_sessions_ended_reason" CHECK (("calls"."call_sessions"."status" = 'ENDED') = ("calls"."call_sessions"."ended_reason" IS NOT NULL) AND ("calls"."call_sessions"."ended_reason" IS NULL OR "calls"."call_sessions"."ended_reason" IN ('user_hangup', 'persona_hangup', 'timeout', 'error', 'cancelled'))),
	CONSTRAINT "call_sessions_ended_at" CHECK (("calls"."call_sessions"."status" = 'ENDED') = ("calls"."call_sessions"."ended_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "calls"."user_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"call_timeout_seconds" integer DEFAULT 300 NOT NULL,
	"notification_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_settings_call_timeout" CHECK ("calls"."user_settings"."call_timeout_seconds" BETWEEN 1 AND 3600)
);
--> statement-breakpoint
CREATE TABLE "calls"."call_turns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_session_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"speaker" varchar(10) NOT NULL,
	"text" text NOT NULL,
	"audio_file_id" uuid,
	"audio_error" varchar(100),
	"stt_latency_ms" integer,
	"model_latency_ms" integer,
	"tts_latency_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_turns_speaker" CHECK ("calls"."call_turns"."speaker" IN ('user', 'persona'))
);
--> statement-breakpoint
CREATE TABLE "calls"."voice_consents" (
	"persona_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"voice_owner" text NOT NULL,
	"statement" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls"."voice_data" (
	"id" uuid PRIMARY KEY NOT NULL,
	"persona_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"file_size" integer NOT NULL,
	"ai_file_id" varchar(200),
	"uploaded_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calls"."call_logs" ADD CONSTRAINT "call_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."call_logs" ADD CONSTRAINT "call_logs_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "calls"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."call_logs" ADD CONSTRAINT "call_logs_call_session_id_call_sessions_id_fk" FOREIGN KEY ("call_session_id") REFERENCES "calls"."call_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."personas" ADD CONSTRAINT "personas_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."personas" ADD CONSTRAINT "personas_profile_image_file_id_files_id_fk" FOREIGN KEY ("profile_image_file_id") REFERENCES "core"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."call_sessions" ADD CONSTRAINT "call_sessions_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "calls"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."call_sessions" ADD CONSTRAINT "call_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."user_settings" ADD CONSTRAINT "user_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."call_turns" ADD CONSTRAINT "call_turns_call_session_id_call_sessions_id_fk" FOREIGN KEY ("call_session_id") REFERENCES "calls"."call_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."call_turns" ADD CONSTRAINT "call_turns_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "calls"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."call_turns" ADD CONSTRAINT "call_turns_audio_file_id_files_id_fk" FOREIGN KEY ("audio_file_id") REFERENCES "core"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."voice_consents" ADD CONSTRAINT "voice_consents_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "calls"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."voice_consents" ADD CONSTRAINT "voice_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."voice_data" ADD CONSTRAINT "voice_data_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "calls"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls"."voice_data" ADD CONSTRAINT "voice_data_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "core"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_logs_user_started_idx" ON "calls"."call_logs" USING btree ("user_id","started_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "call_logs_session_key" ON "calls"."call_logs" USING btree ("call_session_id");--> statement-breakpoint
CREATE INDEX "call_logs_persona_idx" ON "calls"."call_logs" USING btree ("persona_id");--> statement-breakpoint
CREATE UNIQUE INDEX "personas_user_phone_live_key" ON "calls"."personas" USING btree ("user_id","phone_bidx") WHERE NOT "calls"."personas"."is_deleted";--> statement-breakpoint
CREATE INDEX "personas_user_live_idx" ON "calls"."personas" USING btree ("user_id","created_at") WHERE NOT "calls"."personas"."is_deleted";--> statement-breakpoint
CREATE INDEX "personas_deleted_at_idx" ON "calls"."personas" USING btree ("deleted_at") WHERE "calls"."personas"."is_deleted";--> statement-breakpoint
CREATE INDEX "personas_training_job_idx" ON "calls"."personas" USING btree ("last_training_job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_sessions_one_active_per_persona" ON "calls"."call_sessions" USING btree ("persona_id") WHERE "calls"."call_sessions"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "call_sessions_connecting_idx" ON "calls"."call_sessions" USING btree ("dialed_at") WHERE "calls"."call_sessions"."status" = 'CONNECTING';--> statement-breakpoint
CREATE INDEX "call_sessions_persona_idx" ON "calls"."call_sessions" USING btree ("persona_id");--> statement-breakpoint
CREATE INDEX "call_sessions_user_created_idx" ON "calls"."call_sessions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "call_turns_session_seq_key" ON "calls"."call_turns" USING btree ("call_session_id","seq");--> statement-breakpoint
CREATE INDEX "call_turns_persona_idx" ON "calls"."call_turns" USING btree ("persona_id");--> statement-breakpoint
CREATE INDEX "voice_data_persona_idx" ON "calls"."voice_data" USING btree ("persona_id","uploaded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "voice_data_file_key" ON "calls"."voice_data" USING btree ("file_id");