CREATE SCHEMA "tutor";
--> statement-breakpoint
CREATE TABLE "tutor"."ai_conversation_turns" (
	"conversation_id" uuid NOT NULL,
	"turn" smallint NOT NULL,
	"student_text" text NOT NULL,
	"ai_text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ai_conversation_turns_conversation_id_turn_pk" PRIMARY KEY("conversation_id","turn")
);
--> statement-breakpoint
CREATE TABLE "tutor"."ai_conversations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"difficulty" varchar(1) NOT NULL,
	"role" varchar(100) NOT NULL,
	"situation" text NOT NULL,
	"topic" varchar(200),
	"turn_count" integer DEFAULT 0 NOT NULL,
	"message" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ai_conversations_difficulty" CHECK ("tutor"."ai_conversations"."difficulty" IN ('상', '중', '하')),
	CONSTRAINT "ai_conversations_turn_count" CHECK ("tutor"."ai_conversations"."turn_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tutor"."async_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" varchar(20) NOT NULL,
	"status" varchar(10) DEFAULT 'PENDING' NOT NULL,
	"audio_file_id" uuid,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "async_jobs_status" CHECK ("tutor"."async_jobs"."status" IN ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'))
);
--> statement-breakpoint
CREATE TABLE "tutor"."daily_statistics" (
	"student_id" uuid NOT NULL,
	"date" date NOT NULL,
	"sessions_count" integer DEFAULT 0 NOT NULL,
	"practice_count" integer DEFAULT 0 NOT NULL,
	"chat_turns_count" integer DEFAULT 0 NOT NULL,
	"pace_ratio_count" integer DEFAULT 0 NOT NULL,
	"response_count" integer DEFAULT 0 NOT NULL,
	"total_recording_time" numeric DEFAULT '0' NOT NULL,
	"total_speaking_time" numeric DEFAULT '0' NOT NULL,
	"sum_net_speaking_density" numeric DEFAULT '0' NOT NULL,
	"sum_pace_ratio" numeric DEFAULT '0' NOT NULL,
	"sum_response_latency" numeric DEFAULT '0' NOT NULL,
	"sum_response_quality" numeric DEFAULT '0' NOT NULL,
	"avg_net_speaking_density" double precision,
	"avg_pace_ratio" double precision,
	"avg_response_latency" double precision,
	"avg_response_quality" double precision,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "daily_statistics_student_id_date_pk" PRIMARY KEY("student_id","date")
);
--> statement-breakpoint
CREATE TABLE "tutor"."feedback_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tutor_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"message" text NOT NULL,
	"message_type" varchar(5) NOT NULL,
	"audio_file_id" uuid,
	"session_id" uuid,
	"websocket_sent" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "feedback_messages_type" CHECK ("tutor"."feedback_messages"."message_type" IN ('text', 'audio')),
	CONSTRAINT "feedback_messages_audio" CHECK ("tutor"."feedback_messages"."message_type" = 'text' OR "tutor"."feedback_messages"."audio_file_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "tutor"."learning_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"session_type" varchar(15) NOT NULL,
	"ended_at" timestamp with time zone,
	"duration" double precision,
	"speaking_duration" double precision,
	"recording_time" double precision,
	"pace_ratio" double precision,
	"response_latency" double precision,
	"response_quality" double precision,
	"chat_turns" integer DEFAULT 0 NOT NULL,
	"practice_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "learning_sessions_type" CHECK ("tutor"."learning_sessions"."session_type" IN ('practice', 'conversation')),
	CONSTRAINT "learning_sessions_durations" CHECK (("tutor"."learning_sessions"."duration" IS NULL OR "tutor"."learning_sessions"."duration" >= 0) AND ("tutor"."learning_sessions"."speaking_duration" IS NULL OR "tutor"."learning_sessions"."speaking_duration" >= 0))
);
--> statement-breakpoint
CREATE TABLE "tutor"."profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"role" varchar(10) NOT NULL,
	"name" text NOT NULL,
	"is_accepting" boolean DEFAULT false NOT NULL,
	"max_students" integer DEFAULT 0 NOT NULL,
	"active_students" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profiles_role" CHECK ("tutor"."profiles"."role" IN ('student', 'tutor', 'admin')),
	CONSTRAINT "profiles_max_students" CHECK ("tutor"."profiles"."max_students" BETWEEN 0 AND 500),
	CONSTRAINT "profiles_capacity" CHECK ("tutor"."profiles"."active_students" >= 0 AND "tutor"."profiles"."active_students" <= "tutor"."profiles"."max_students")
);
--> statement-breakpoint
CREATE TABLE "tutor"."pronunciation_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sentence_id" varchar(100),
	"original_text" text NOT NULL,
	"transcribed_text" text NOT NULL,
	"overall_score" smallint NOT NULL,
	"word_accuracy" real NOT NULL,
	"completeness_score" real NOT NULL,
	"grade" varchar(2) NOT NULL,
	"missed_words" text[] NOT NULL,
	"extra_words" text[] NOT NULL,
	"feedback" text NOT NULL,
	"audio_duration_ms" integer,
	"recording_file_id" uuid,
	CONSTRAINT "pronunciation_results_score" CHECK ("tutor"."pronunciation_results"."overall_score" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "tutor"."sentence_audio" (
	"session_id" uuid NOT NULL,
	"sentence_index" smallint NOT NULL,
	"student_id" uuid NOT NULL,
	"english" text NOT NULL,
	"korean" text,
	"voice_id" varchar(100),
	"status" varchar(10) DEFAULT 'PENDING' NOT NULL,
	"audio_file_id" uuid,
	"duration_ms" integer,
	"job_id" uuid,
	"error" text,
	"request_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "sentence_audio_session_id_sentence_index_pk" PRIMARY KEY("session_id","sentence_index"),
	CONSTRAINT "sentence_audio_index" CHECK ("tutor"."sentence_audio"."sentence_index" >= 0),
	CONSTRAINT "sentence_audio_status" CHECK ("tutor"."sentence_audio"."status" IN ('PENDING', 'COMPLETED', 'FAILED'))
);
--> statement-breakpoint
CREATE TABLE "tutor"."statistics_rollups" (
	"date" date PRIMARY KEY NOT NULL,
	"students_checked" integer NOT NULL,
	"differences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ran_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tutor"."tutor_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"tutor_id" uuid NOT NULL,
	"status" varchar(10) DEFAULT 'PENDING' NOT NULL,
	"message" text,
	"processed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tutor_requests_status" CHECK ("tutor"."tutor_requests"."status" IN ('PENDING', 'APPROVED', 'REJECTED')),
	CONSTRAINT "tutor_requests_processed" CHECK (("tutor"."tutor_requests"."status" = 'PENDING') = ("tutor"."tutor_requests"."processed_at" IS NULL)),
	CONSTRAINT "tutor_requests_not_self" CHECK ("tutor"."tutor_requests"."student_id" <> "tutor"."tutor_requests"."tutor_id")
);
--> statement-breakpoint
CREATE TABLE "tutor"."tutor_students" (
	"tutor_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"status" varchar(10) DEFAULT 'active' NOT NULL,
	"request_id" uuid,
	"room" varchar(20),
	"assigned_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tutor_students_tutor_id_student_id_pk" PRIMARY KEY("tutor_id","student_id"),
	CONSTRAINT "tutor_students_status" CHECK ("tutor"."tutor_students"."status" IN ('active', 'inactive')),
	CONSTRAINT "tutor_students_room" CHECK ("tutor"."tutor_students"."room" IS NULL OR "tutor"."tutor_students"."room" IN ('practice', 'ai-conversation'))
);
--> statement-breakpoint
ALTER TABLE "tutor"."ai_conversation_turns" ADD CONSTRAINT "ai_conversation_turns_conversation_id_ai_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "tutor"."ai_conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."ai_conversations" ADD CONSTRAINT "ai_conversations_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."async_jobs" ADD CONSTRAINT "async_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."daily_statistics" ADD CONSTRAINT "daily_statistics_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."feedback_messages" ADD CONSTRAINT "feedback_messages_tutor_id_users_id_fk" FOREIGN KEY ("tutor_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."feedback_messages" ADD CONSTRAINT "feedback_messages_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."feedback_messages" ADD CONSTRAINT "feedback_messages_session_id_learning_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "tutor"."learning_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."learning_sessions" ADD CONSTRAINT "learning_sessions_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."profiles" ADD CONSTRAINT "profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."pronunciation_results" ADD CONSTRAINT "pronunciation_results_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."sentence_audio" ADD CONSTRAINT "sentence_audio_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."tutor_requests" ADD CONSTRAINT "tutor_requests_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."tutor_requests" ADD CONSTRAINT "tutor_requests_tutor_id_users_id_fk" FOREIGN KEY ("tutor_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."tutor_students" ADD CONSTRAINT "tutor_students_tutor_id_users_id_fk" FOREIGN KEY ("tutor_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutor"."tutor_students" ADD CONSTRAINT "tutor_students_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_conversations_student_created_idx" ON "tutor"."ai_conversations" USING btree ("student_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ai_conversations_created_idx" ON "tutor"."ai_conversations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "async_jobs_created_idx" ON "tutor"."async_jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "daily_statistics_date_idx" ON "tutor"."daily_statistics" USING btree ("date");--> statement-breakpoint
CREATE INDEX "feedback_messages_pair_created_idx" ON "tutor"."feedback_messages" USING btree ("tutor_id","student_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "feedback_messages_student_created_idx" ON "tutor"."feedback_messages" USING btree ("student_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "feedback_messages_created_idx" ON "tutor"."feedback_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "learning_sessions_student_started_idx" ON "tutor"."learning_sessions" USING btree ("student_id","started_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "learning_sessions_started_idx" ON "tutor"."learning_sessions" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "profiles_role_created_idx" ON "tutor"."profiles" USING btree ("role","created_at","user_id");--> statement-breakpoint
CREATE INDEX "pronunciation_results_student_created_idx" ON "tutor"."pronunciation_results" USING btree ("student_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pronunciation_results_created_idx" ON "tutor"."pronunciation_results" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sentence_audio_request_idx" ON "tutor"."sentence_audio" USING btree ("request_at");--> statement-breakpoint
CREATE INDEX "tutor_requests_student_created_idx" ON "tutor"."tutor_requests" USING btree ("student_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tutor_requests_tutor_status_created_idx" ON "tutor"."tutor_requests" USING btree ("tutor_id","status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "tutor_requests_one_pending_per_pair" ON "tutor"."tutor_requests" USING btree ("student_id","tutor_id") WHERE "tutor"."tutor_requests"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "tutor_requests_processed_idx" ON "tutor"."tutor_requests" USING btree ("processed_at") WHERE "tutor"."tutor_requests"."processed_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "tutor_students_student_idx" ON "tutor"."tutor_students" USING btree ("student_id");