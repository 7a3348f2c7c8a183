-- The two read models of the spec: consultations per customer, and each room at a glance.
CREATE VIEW "assist"."customer_consultation_summary" AS
SELECT c.id AS customer_id,
       count(h.id)::int AS consultation_count,
       max(h.consultation_date) AS last_consultation_date,
       coalesce(array_agg(DISTINCT h.consultation_type) FILTER (WHERE h.consultation_type IS NOT NULL), ARRAY[]::varchar[]) AS consultation_types
FROM "assist"."customers" c
LEFT JOIN "assist"."consultation_history" h ON h.customer_id = c.id
GROUP BY c.id;
--> statement-breakpoint
CREATE VIEW "assist"."room_conversation_summary" AS
SELECT r.id AS room_id,
       r.room_name,
       r.status,
       r.created_at,
       r.ended_at,
       (SELECT count(DISTINCT p.peer_id) FROM "assist"."peers" p WHERE p.room_id = r.id)::int AS peer_count,
       (SELECT count(*) FROM "assist"."transcripts" t WHERE t.room_id = r.id AND t.is_final)::int AS transcript_count,
       CASE WHEN r.started_at IS NULL THEN 0
            ELSE floor(extract(epoch FROM (coalesce(r.ended_at, now()) - r.started_at)))::int END AS duration_seconds,
       s.summary_text AS latest_summary,
       coalesce(s.last_summarized_index, 0) AS last_summarized_index
FROM "assist"."rooms" r
LEFT JOIN LATERAL (
  SELECT a.summary_text, a.last_summarized_index FROM "assist"."agent_summaries" a
  WHERE a.room_id = r.id ORDER BY a.last_summarized_index DESC LIMIT 1
) s ON true;
