CREATE SCHEMA "assist";
--> statement-breakpoint
CREATE TABLE "assist"."consultation_agent_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid,
	"session_id" uuid,
	"turn_id" varchar(40) NOT NULL,
	"result_type" varchar(20) NOT NULL,
	"result_data" jsonb NOT NULL,
	"processing_time_ms" integer NOT NULL,
	"model_version" varchar(200) NOT NULL,
	"feedback" varchar(10),
	"feedback_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_results_type" CHECK ("assist"."consultation_agent_results"."result_type" IN ('summary', 'final_summary', 'intent', 'sentiment', 'recommendation')),
	CONSTRAINT "agent_results_feedback" CHECK ("assist"."consultation_agent_results"."feedback" IS NULL OR "assist"."consultation_agent_results"."feedback" IN ('accepted', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "assist"."agent_summaries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"summary_text" text NOT NULL,
	"key_points" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"from_index" integer NOT NULL,
	"last_summarized_index" integer NOT NULL,
	"processing_time_ms" integer NOT NULL,
	"model_version" varchar(200) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_summaries_range" CHECK ("assist"."agent_summaries"."from_index" >= 0 AND "assist"."agent_summaries"."last_summarized_index" > "assist"."agent_summaries"."from_index")
);
--> statement-breakpoint
CREATE TABLE "assist"."agents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agent_code" varchar(40) NOT NULL,
	"agent_name" varchar(100) NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assist"."consultation_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"session_id" uuid,
	"consultation_date" date NOT NULL,
	"consultation_type" varchar(100) NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assist"."consultation_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid,
	"customer_id" uuid,
	"agent_id" uuid,
	"agent_name" varchar(100),
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"duration_seconds" integer NOT NULL,
	"status" varchar(20) DEFAULT 'completed' NOT NULL,
	"channel" varchar(20) DEFAULT 'voice' NOT NULL,
	"final_summary" text,
	"consultation_type" varchar(100),
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_sessions_duration" CHECK ("assist"."consultation_sessions"."duration_seconds" >= 0),
	CONSTRAINT "consultation_sessions_channel" CHECK ("assist"."consultation_sessions"."channel" IN ('voice', 'chat', 'video'))
);
--> statement-breakpoint
CREATE TABLE "assist"."consultation_transcripts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"turn_index" integer NOT NULL,
	"speaker_type" varchar(10) NOT NULL,
	"speaker_name" varchar(100),
	"text" text NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"confidence" real,
	"is_final" boolean DEFAULT true NOT NULL,
	"source" varchar(40) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_transcripts_speaker" CHECK ("assist"."consultation_transcripts"."speaker_type" IN ('agent', 'customer'))
);
--> statement-breakpoint
CREATE TABLE "assist"."customers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_name" text NOT NULL,
	"phone_number" text,
	"phone_bidx" text,
	"age" integer,
	"gender" varchar(20),
	"residence" varchar(100),
	"membership_grade" varchar(40),
	"current_plan" varchar(100),
	"monthly_fee" integer,
	"contract_status" varchar(40),
	"bundle_info" varchar(200),
	"data_allowance" varchar(100),
	"subscription_date" date,
	"consultation_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_age" CHECK ("assist"."customers"."age" IS NULL OR "assist"."customers"."age" BETWEEN 0 AND 150),
	CONSTRAINT "customers_monthly_fee" CHECK ("assist"."customers"."monthly_fee" IS NULL OR "assist"."customers"."monthly_fee" >= 0)
);
--> statement-breakpoint
CREATE TABLE "assist"."peers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"peer_id" varchar(64) NOT NULL,
	"user_id" uuid,
	"role" varchar(10) NOT NULL,
	"nickname" varchar(100) NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "peers_role" CHECK ("assist"."peers"."role" IN ('agent', 'customer'))
);
--> statement-breakpoint
CREATE TABLE "assist"."rooms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_name" varchar(200) NOT NULL,
	"status" varchar(10) DEFAULT 'waiting' NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"customer_id" uuid,
	"agent_id" uuid NOT NULL,
	"join_code" varchar(64) NOT NULL,
	"final_count" integer DEFAULT 0 NOT NULL,
	"last_assisted_at" timestamp with time zone,
	"empty_since" timestamp with time zone,
	"started_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "rooms_status" CHECK ("assist"."rooms"."status" IN ('waiting', 'active', 'ended'))
);
--> statement-breakpoint
CREATE TABLE "assist"."transcripts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"segment_id" varchar(100) NOT NULL,
	"peer_id" varchar(64) NOT NULL,
	"nickname" varchar(100) NOT NULL,
	"speaker_role" varchar(10) NOT NULL,
	"text" text NOT NULL,
	"start_ms" integer NOT NULL,
	"end_ms" integer NOT NULL,
	"confidence" real,
	"timestamp" timestamp with time zone NOT NULL,
	"source" varchar(40) NOT NULL,
	"is_final" boolean DEFAULT false NOT NULL,
	"final_index" integer,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transcripts_offsets" CHECK ("assist"."transcripts"."start_ms" >= 0 AND "assist"."transcripts"."end_ms" >= "assist"."transcripts"."start_ms"),
	CONSTRAINT "transcripts_speaker_role" CHECK ("assist"."transcripts"."speaker_role" IN ('agent', 'customer')),
	CONSTRAINT "transcripts_final_index" CHECK (("assist"."transcripts"."is_final" AND "assist"."transcripts"."final_index" IS NOT NULL) OR (NOT "assist"."transcripts"."is_final" AND "assist"."transcripts"."final_index" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "assist"."consultation_agent_results" ADD CONSTRAINT "consultation_agent_results_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "assist"."rooms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."consultation_agent_results" ADD CONSTRAINT "consultation_agent_results_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "assist"."consultation_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."agent_summaries" ADD CONSTRAINT "agent_summaries_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "assist"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."agents" ADD CONSTRAINT "agents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."consultation_history" ADD CONSTRAINT "consultation_history_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "assist"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."consultation_history" ADD CONSTRAINT "consultation_history_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "assist"."consultation_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."consultation_sessions" ADD CONSTRAINT "consultation_sessions_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "assist"."rooms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."consultation_sessions" ADD CONSTRAINT "consultation_sessions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "assist"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."consultation_sessions" ADD CONSTRAINT "consultation_sessions_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "assist"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."consultation_transcripts" ADD CONSTRAINT "consultation_transcripts_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "assist"."consultation_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."peers" ADD CONSTRAINT "peers_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "assist"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."peers" ADD CONSTRAINT "peers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."rooms" ADD CONSTRAINT "rooms_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "assist"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."rooms" ADD CONSTRAINT "rooms_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "assist"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist"."transcripts" ADD CONSTRAINT "transcripts_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "assist"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_results_room_idx" ON "assist"."consultation_agent_results" USING btree ("room_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_results_session_idx" ON "assist"."consultation_agent_results" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "agent_results_model_feedback_idx" ON "assist"."consultation_agent_results" USING btree ("result_type","model_version","feedback");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_summaries_room_last_key" ON "assist"."agent_summaries" USING btree ("room_id","last_summarized_index");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_agent_code_key" ON "assist"."agents" USING btree ("agent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_user_key" ON "assist"."agents" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "consultation_history_customer_date_idx" ON "assist"."consultation_history" USING btree ("customer_id","consultation_date" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_sessions_room_key" ON "assist"."consultation_sessions" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "consultation_sessions_customer_idx" ON "assist"."consultation_sessions" USING btree ("customer_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_transcripts_turn_key" ON "assist"."consultation_transcripts" USING btree ("session_id","turn_index");--> statement-breakpoint
CREATE INDEX "customers_phone_bidx_idx" ON "assist"."customers" USING btree ("phone_bidx");--> statement-breakpoint
CREATE UNIQUE INDEX "peers_room_peer_present_key" ON "assist"."peers" USING btree ("room_id","peer_id") WHERE "assist"."peers"."left_at" IS NULL;--> statement-breakpoint
CREATE INDEX "peers_room_user_idx" ON "assist"."peers" USING btree ("room_id","user_id");--> statement-breakpoint
CREATE INDEX "rooms_agent_created_idx" ON "assist"."rooms" USING btree ("agent_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "rooms_open_empty_idx" ON "assist"."rooms" USING btree ("empty_since") WHERE "assist"."rooms"."status" <> 'ended';--> statement-breakpoint
CREATE UNIQUE INDEX "transcripts_room_segment_key" ON "assist"."transcripts" USING btree ("room_id","segment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transcripts_room_final_key" ON "assist"."transcripts" USING btree ("room_id","final_index");