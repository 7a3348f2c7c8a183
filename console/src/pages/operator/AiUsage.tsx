// AI calls, tokens and estimated cost by provider and model over a period.
import { useState } from 'react';
import { talkbase } from '../../api';
import { formatNumber, useTranslation } from '../../i18n';
import { BarChart, Badge, Button, Card, ErrorState, Loading, PageHeader, Table, useLoad } from '../../ui';
import type { PageProps } from '../registry';

const usd = (v: number) =>
  formatNumber(v, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: v === 0 ? 0 : v < 0.01 ? 4 : 2,
    maximumFractionDigits: v < 0.01 ? 4 : 2,
  });
const num = (v: number) => formatNumber(v);
const CAPABILITIES = ['chat', 'embed', 'transcribe', 'speak', 'voice'] as const;
const isKnown = (c: string): c is (typeof CAPABILITIES)[number] => (CAPABILITIES as readonly string[]).includes(c);

export function AiUsage(_props: PageProps) {
  const { t } = useTranslation('operator');
  const [days, setDays] = useState(30);
  const usage = useLoad(() => {
    const to = new Date();
    const from = new Date(to.getTime() - days * 86_400_000);
    return talkbase.get('/v1/admin/ai/usage', { params: { query: { from: from.toISOString(), to: to.toISOString() } } });
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
        title={t('pages.ai.title')}
        subtitle={t('ai.subtitle')}
        actions={
          <div className="row" role="group" aria-label={t('ai.period')}>
            {[1, 7, 30].map((d) => (
              <Button key={d} small variant={days === d ? 'primary' : 'secondary'} aria-pressed={days === d} onClick={() => setDays(d)}>
                {d === 1 ? t('ai.today') : t('ai.days', { count: d })}
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
                <span className="muted small">{t('ai.calls')}</span>
                <strong data-testid="ai-calls">{num(data.totals.calls)}</strong>
                <span className="muted small">
                  {data.totals.errors ? t('ai.someFailed', { n: num(data.totals.errors) }) : t('ai.noneFailed')}
                </span>
              </div>
            </Card>
            <Card>
              <div className="stat">
                <span className="muted small">{t('ai.tokens')}</span>
                <strong>{num(data.totals.promptTokens + data.totals.completionTokens)}</strong>
                <span className="muted small">
                  {t('ai.inOut', { in: num(data.totals.promptTokens), out: num(data.totals.completionTokens) })}
                </span>
              </div>
            </Card>
            <Card>
              <div className="stat">
                <span className="muted small">{t('ai.cost')}</span>
                <strong data-testid="ai-cost">{usd(data.totals.estimatedCostUsd)}</strong>
                <span className="muted small">{t('ai.costSource')}</span>
              </div>
            </Card>
          </div>
          {models.length ? (
            <Card title={t('ai.chartTitle')}>
              <BarChart
                label={t('ai.chartLabel')}
                // Axis labels name the model, cut to fit a phone; the table below has the full names.
                series={[{ name: t('ai.series'), points: models.map(([k, v]) => ({ x: shortLabel(k), y: v.calls })) }]}
                height={180}
              />
            </Card>
          ) : null}
          <Card title={t('ai.tableTitle')}>
            <Table
              rows={data.rows}
              rowKey={(r) => `${r.provider}/${r.model}/${r.capability}`}
              empty={t('ai.empty')}
              columns={[
                { key: 'provider', label: t('ai.provider'), render: (r) => r.provider },
                { key: 'model', label: t('ai.model'), render: (r) => <code className="break">{r.model}</code> },
                {
                  key: 'cap',
                  label: t('ai.capability'),
                  render: (r) => (isKnown(r.capability) ? t(`ai.capabilities.${r.capability}`) : r.capability),
                },
                { key: 'calls', label: t('ai.series'), numeric: true, render: (r) => num(r.calls) },
                {
                  key: 'errors',
                  label: t('ai.failed'),
                  numeric: true,
                  wide: true,
                  render: (r) => (r.errors ? <Badge tone="bad">{r.errors}</Badge> : 0),
                },
                {
                  key: 'tokens',
                  label: t('ai.tokens'),
                  numeric: true,
                  wide: true,
                  render: (r) => num(r.promptTokens + r.completionTokens),
                },
                {
                  key: 'audio',
                  label: t('ai.audio'),
                  numeric: true,
                  wide: true,
                  render: (r) =>
                    r.audioSeconds
                      ? t('ai.seconds', { s: formatNumber(r.audioSeconds, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })
                      : r.characters
                        ? t('ai.chars', { n: num(r.characters) })
                        : '—',
                },
                {
                  key: 'latency',
                  label: t('ai.latency'),
                  numeric: true,
                  wide: true,
                  render: (r) => t('ai.ms', { n: num(r.averageLatencyMs) }),
                },
                {
                  key: 'cost',
                  label: t('ai.costColumn'),
                  numeric: true,
                  render: (r) =>
                    r.costKnown ? (
                      usd(r.estimatedCostUsd)
                    ) : (
                      <span className="muted" title={t('ai.noPrice')}>
                        {t('ai.notAvailable')}
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
