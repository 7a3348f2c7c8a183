CREATE SCHEMA "chat";
--> statement-breakpoint
CREATE TABLE "chat"."conversations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"persona_id" varchar(50) NOT NULL,
	"title" varchar(200),
	"message_count" integer DEFAULT 0 NOT NULL,
	"last_message_id" uuid,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_message_count" CHECK ("chat"."conversations"."message_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "chat"."daily_token_usage" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"prompt_tokens" integer DEFAULT 0 NOT NULL,
	"completion_tokens" integer DEFAULT 0 NOT NULL,
	"replies" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_token_usage_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "chat"."messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"parent_id" uuid,
	"role" varchar(20) NOT NULL,
	"content" text NOT NULL,
	"emotion" varchar(20),
	"tokens_used" integer,
	"active" boolean DEFAULT true NOT NULL,
	"unfinished" boolean DEFAULT false NOT NULL,
	"provider" varchar(40),
	"model" varchar(100),
	"latency_ms" integer,
	"feedback" smallint,
	"feedback_comment" text,
	"feedback_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_role" CHECK ("chat"."messages"."role" IN ('user', 'assistant')),
	CONSTRAINT "messages_emotion" CHECK ("chat"."messages"."emotion" IS NULL OR ("chat"."messages"."role" = 'assistant' AND "chat"."messages"."emotion" IN ('neutral', 'happy', 'sad', 'angry', 'surprised', 'relaxed'))),
	CONSTRAINT "messages_feedback" CHECK ("chat"."messages"."feedback" IS NULL OR "chat"."messages"."feedback" IN (-1, 1))
);
--> statement-breakpoint
CREATE TABLE "chat"."chatbot_personas" (
	"id" varchar(50) PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" text NOT NULL,
	"system_prompt" text NOT NULL,
	"avatar_model" varchar(200),
	"greeting" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chatbot_personas_id_slug" CHECK ("chat"."chatbot_personas"."id" ~ '^[a-z0-9][a-z0-9-]{1,49}$')
);
--> statement-breakpoint
CREATE TABLE "chat"."user_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"preferred_persona" varchar(50),
	"avatar_customization" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"voice_enabled" boolean DEFAULT false NOT NULL,
	"theme" varchar(20) DEFAULT 'light' NOT NULL,
	"language" varchar(35) DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_preferences_theme" CHECK ("chat"."user_preferences"."theme" IN ('light', 'dark'))
);
--> statement-breakpoint
ALTER TABLE "chat"."conversations" ADD CONSTRAINT "conversations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat"."conversations" ADD CONSTRAINT "conversations_persona_id_chatbot_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "chat"."chatbot_personas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat"."daily_token_usage" ADD CONSTRAINT "daily_token_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat"."messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "chat"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat"."messages" ADD CONSTRAINT "messages_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "chat"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat"."user_preferences" ADD CONSTRAINT "user_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat"."user_preferences" ADD CONSTRAINT "user_preferences_preferred_persona_chatbot_personas_id_fk" FOREIGN KEY ("preferred_persona") REFERENCES "chat"."chatbot_personas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_user_updated_idx" ON "chat"."conversations" USING btree ("user_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "chat"."conversations"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "conversations_user_archived_idx" ON "chat"."conversations" USING btree ("user_id","archived_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "chat"."conversations"."archived_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_inactive_idx" ON "chat"."conversations" USING btree ("updated_at") WHERE "chat"."conversations"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "messages_conversation_created_idx" ON "chat"."messages" USING btree ("conversation_id","created_at","id");--> statement-breakpoint
CREATE INDEX "messages_parent_idx" ON "chat"."messages" USING btree ("parent_id");