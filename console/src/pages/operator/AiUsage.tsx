// AI calls, tokens and estimated cost by provider and model over a period.
import { useState } from 'react';
import { api } from '../../api';
import { BarChart, Badge, Button, Card, ErrorState, Loading, PageHeader, Table, useLoad } from '../../ui';
import type { PageProps } from '../registry';

interface UsageRow {
  provider: string;
  model: string;
  capability: string;
  calls: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  audioSeconds: number;
  characters: number;
  averageLatencyMs: number;
  estimatedCostUsd: number;
  costKnown: boolean;
}

interface Usage {
  from: string;
  to: string;
  rows: UsageRow[];
  totals: { calls: number; errors: number; promptTokens: number; completionTokens: number; estimatedCostUsd: number };
}

const usd = (v: number) => (v === 0 ? '$0' : v < 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`);
const num = (v: number) => v.toLocaleString();

export function AiUsage(_props: PageProps) {
  const [days, setDays] = useState(30);
  const usage = useLoad(() => {
    const to = new Date();
    const from = new Date(to.getTime() - days * 86_400_000);
    return api.get<Usage>(`/v1/admin/ai/usage?from=${from.toISOString()}&to=${to.toISOString()}`);
  }, [days]);
  const data = usage.data;
  // Per provider and model (the table keeps the capability too).
  const byModel = new Map<string, { calls: number; cost: number; tokens: number }>();
  for (const r of data?.rows ?? []) {
    const key = `${r.provider} · ${r.model}`;
    const m = byModel.get(key) ?? { calls: 0, cost: 0, tokens: 0 };
    byModel.set(key, {
      calls: m.calls + r.calls,
      cost: m.cost + r.estimatedCostUsd,
      tokens: m.tokens + r.promptTokens + r.completionTokens,
    });
  }
  const models = [...byModel.entries()].sort((a, b) => b[1].calls - a[1].calls);
  return (
    <>
      <PageHeader
        title="AI usage and cost"
        subtitle="Every AI call is recorded with its provider, model, tokens and latency."
        actions={
          <div className="row" role="group" aria-label="Period">
            {[1, 7, 30].map((d) => (
              <Button key={d} small variant={days === d ? 'primary' : 'secondary'} aria-pressed={days === d} onClick={() => setDays(d)}>
                {d === 1 ? 'Today' : `${d} days`}
              </Button>
            ))}
          </div>
        }
      />
      {usage.loading && !data ? (
        <Loading />
      ) : !data ? (
        <ErrorState error={usage.error} onRetry={usage.reload} />
      ) : (
        <>
          <div className="grid-3 op-stats">
            <Card>
              <div className="stat">
                <span className="muted small">AI calls</span>
                <strong data-testid="ai-calls">{num(data.totals.calls)}</strong>
                <span className="muted small">{data.totals.errors ? `${num(data.totals.errors)} failed` : 'none failed'}</span>
              </div>
            </Card>
            <Card>
              <div className="stat">
                <span className="muted small">Tokens</span>
                <strong>{num(data.totals.promptTokens + data.totals.completionTokens)}</strong>
                <span className="muted small">
                  {num(data.totals.promptTokens)} in · {num(data.totals.completionTokens)} out
                </span>
              </div>
            </Card>
            <Card>
              <div className="stat">
                <span className="muted small">Estimated cost</span>
                <strong data-testid="ai-cost">{usd(data.totals.estimatedCostUsd)}</strong>
                <span className="muted small">from the AI_COSTS price table</span>
              </div>
            </Card>
          </div>
          {models.length ? (
            <Card title="Calls by provider and model">
              <BarChart
                label="AI calls by provider and model"
                // Axis labels name the model, cut to fit a phone; the table below has the full names.
                series={[{ name: 'Calls', points: models.map(([k, v]) => ({ x: shortLabel(k), y: v.calls })) }]}
                height={180}
              />
            </Card>
          ) : null}
          <Card title="By provider, model and capability">
            <Table
              rows={data.rows}
              rowKey={(r) => `${r.provider}/${r.model}/${r.capability}`}
              empty="No AI calls in this period."
              columns={[
                { key: 'provider', label: 'Provider', render: (r) => r.provider },
                { key: 'model', label: 'Model', render: (r) => <code className="break">{r.model}</code> },
                { key: 'cap', label: 'Capability', render: (r) => r.capability },
                { key: 'calls', label: 'Calls', numeric: true, render: (r) => num(r.calls) },
                {
                  key: 'errors',
                  label: 'Failed',
                  numeric: true,
                  wide: true,
                  render: (r) => (r.errors ? <Badge tone="bad">{r.errors}</Badge> : 0),
                },
                { key: 'tokens', label: 'Tokens', numeric: true, wide: true, render: (r) => num(r.promptTokens + r.completionTokens) },
                {
                  key: 'audio',
                  label: 'Audio / chars',
                  numeric: true,
                  wide: true,
                  render: (r) => (r.audioSeconds ? `${r.audioSeconds.toFixed(1)} s` : r.characters ? `${num(r.characters)} ch` : '—'),
                },
                { key: 'latency', label: 'Avg latency', numeric: true, wide: true, render: (r) => `${num(r.averageLatencyMs)} ms` },
                {
                  key: 'cost',
                  label: 'Cost',
                  numeric: true,
                  render: (r) =>
                    r.costKnown ? (
                      usd(r.estimatedCostUsd)
                    ) : (
                      <span className="muted" title="No price for this model in AI_COSTS">
                        n/a
                      </span>
                    ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}

/** `provider · model` as an axis label: the model alone, at most 12 characters. */
function shortLabel(key: string): string {
  const model = key.split(' · ').at(-1) ?? key;
  return model.length > 12 ? `${model.slice(0, 11)}…` : model;
}
