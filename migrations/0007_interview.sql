CREATE SCHEMA "interview";
--> statement-breakpoint
CREATE TABLE "interview"."interview_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"order" integer NOT NULL,
	"parent_order" integer,
	"question_text" text NOT NULL,
	"question_provider" varchar(40),
	"question_model" varchar(100),
	"answer_text" text,
	"answer_mode" varchar(10),
	"answer_duration_seconds" real,
	"time_to_answer_ms" integer,
	"words_per_minute" real,
	"evaluation" jsonb,
	"evaluation_status" varchar(10),
	"evaluation_error" text,
	"rubric_version" varchar(40),
	"evaluation_provider" varchar(40),
	"evaluation_model" varchar(100),
	"emotion_summary" jsonb,
	"emotion_status" varchar(10),
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interview_records_order" CHECK ("interview"."interview_records"."order" >= 1),
	CONSTRAINT "interview_records_answer_mode" CHECK ("interview"."interview_records"."answer_mode" IS NULL OR "interview"."interview_records"."answer_mode" IN ('text', 'audio')),
	CONSTRAINT "interview_records_evaluation_status" CHECK ("interview"."interview_records"."evaluation_status" IS NULL OR "interview"."interview_records"."evaluation_status" IN ('pending', 'done', 'failed', 'skipped')),
	CONSTRAINT "interview_records_emotion_status" CHECK ("interview"."interview_records"."emotion_status" IS NULL OR "interview"."interview_records"."emotion_status" IN ('pending', 'done', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "interview"."interview_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" text,
	"position" varchar(100) NOT NULL,
	"status" varchar(20) DEFAULT 'started' NOT NULL,
	"question_count" integer NOT NULL,
	"emotion_summary" jsonb,
	"overall_evaluation" jsonb,
	"overall_score" integer,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interview_sessions_status" CHECK ("interview"."interview_sessions"."status" IN ('started', 'in_progress', 'completed', 'abandoned')),
	CONSTRAINT "interview_sessions_question_count" CHECK ("interview"."interview_sessions"."question_count" BETWEEN 1 AND 30),
	CONSTRAINT "interview_sessions_overall_score" CHECK ("interview"."interview_sessions"."overall_score" IS NULL OR "interview"."interview_sessions"."overall_score" BETWEEN 0 AND 100)
);
--> statement-breakpoint
ALTER TABLE "interview"."interview_records" ADD CONSTRAINT "interview_records_session_id_interview_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "interview"."interview_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview"."interview_sessions" ADD CONSTRAINT "interview_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "interview_records_session_order_key" ON "interview"."interview_records" USING btree ("session_id","order");--> statement-breakpoint
CREATE INDEX "interview_sessions_user_created_idx" ON "interview"."interview_sessions" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "interview_sessions_user_position_idx" ON "interview"."interview_sessions" USING btree ("user_id","position","completed_at");