ALTER TABLE "calls"."call_turns" ADD COLUMN "interrupted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "calls"."call_turns" ADD COLUMN "latency" jsonb;--> statement-breakpoint
ALTER TABLE "interview"."interview_records" ADD COLUMN "voice_latency" jsonb;--> statement-breakpoint
ALTER TABLE "tutor"."ai_conversation_turns" ADD COLUMN "interrupted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tutor"."ai_conversation_turns" ADD COLUMN "latency" jsonb;