DROP TABLE "calls"."call_logs" CASCADE;--> statement-breakpoint
DROP TABLE "calls"."personas" CASCADE;--> statement-breakpoint
DROP TABLE "calls"."call_sessions" CASCADE;--> statement-breakpoint
DROP TABLE "calls"."user_settings" CASCADE;--> statement-breakpoint
DROP TABLE "calls"."call_turns" CASCADE;--> statement-breakpoint
DROP TABLE "calls"."voice_consents" CASCADE;--> statement-breakpoint
DROP TABLE "calls"."voice_data" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."ai_conversation_turns" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."ai_conversations" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."async_jobs" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."daily_statistics" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."feedback_messages" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."learning_sessions" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."profiles" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."pronunciation_results" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."sentence_audio" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."statistics_rollups" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."tutor_requests" CASCADE;--> statement-breakpoint
DROP TABLE "tutor"."tutor_students" CASCADE;--> statement-breakpoint
DROP SCHEMA "calls";
--> statement-breakpoint
DROP SCHEMA "tutor";
