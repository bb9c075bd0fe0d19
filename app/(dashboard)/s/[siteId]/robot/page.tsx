'use client';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic, Tag } from 'antd';
import Link from '@/app/_components/link';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { ReportHeader } from '@/app/_components/report-header';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useSite } from '@/app/_components/use-site';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type Report = RouterOutputs['robot']['report'];
type ArticleRow = Report['articles'][number];
type GroupRow = Report['unanswered'][number];

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** The robot's chats: how many it resolved or handed over, what it answered with, what it could not answer. */
function RobotReport() {
  const t = useTranslations('robot.report');
  const fmt = useFormat();
  const trpc = useTRPC();
  const { siteId = '' } = useSite();
  const { input } = useReportParams();
  const report = useQuery(trpc.robot.report.queryOptions(input));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <QueryState query={report} isEmpty={(r) => r.summary.chats === 0 && r.unanswered.length === 0}>
        {(r) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Row gutter={[16, 16]}>
              {[
                { id: 'robot-chats', title: t('chats'), value: fmt.number(r.summary.chats), help: '' },
                {
                  id: 'robot-resolution',
                  title: t('resolution'),
                  value: fmt.percent(share(r.summary.resolved, r.summary.chats)),
                  help: t('resolutionHelp'),
                },
                {
                  id: 'robot-handover',
                  title: t('handover'),
                  value: fmt.percent(share(r.summary.handedOver, r.summary.chats)),
                  help: '',
                },
              ].map((tile) => (
                <Col xs={24} sm={8} key={tile.id}>
                  <Card size="small" style={{ height: '100%' }} data-testid={tile.id}>
                    <Statistic title={tile.title} value={tile.value} />
                    {tile.help && <div style={{ fontSize: 12, color: '#6b7280' }}>{tile.help}</div>}
                  </Card>
                </Col>
              ))}
            </Row>
            <DataTable<ArticleRow>
              title={t('articles')}
              rows={r.articles}
              rowKey={(a) => a.articleId}
              filename="robot-articles"
              testId="robot-articles"
              columns={[
                { key: 'question', title: t('article'), csvTitle: 'article', value: (a) => a.question },
                {
                  key: 'answers',
                  title: t('answers'),
                  csvTitle: 'answers',
                  align: 'right',
                  value: (a) => a.answers,
                  render: (a) => fmt.number(a.answers),
                },
                {
                  key: 'helpful',
                  title: t('helpful'),
                  csvTitle: 'helpful_share',
                  align: 'right',
                  value: (a) => share(a.helpful, a.helpful + a.notHelpful),
                  render: (a) =>
                    a.helpful + a.notHelpful > 0
                      ? t('helpfulValue', {
                          pct: fmt.percent(share(a.helpful, a.helpful + a.notHelpful)),
                          n: fmt.number(a.helpful + a.notHelpful),
                        })
                      : '—',
                },
              ]}
            />
            <DataTable<GroupRow>
              title={t('unanswered')}
              rows={r.unanswered}
              rowKey={(g) => g.question}
              filename="robot-unanswered"
              testId="robot-unanswered"
              columns={[
                {
                  key: 'question',
                  title: t('question'),
                  csvTitle: 'question',
                  value: (g) => g.question,
                  render: (g) => (
                    <Space orientation="vertical" size={2}>
                      <span>{g.question}</span>
                      {g.examples.length > 1 && (
                        <span style={{ fontSize: 12, color: '#6b7280' }}>{g.examples.slice(1).join(' · ')}</span>
                      )}
                    </Space>
                  ),
                },
                {
                  key: 'terms',
                  title: t('terms'),
                  csvTitle: 'terms',
                  value: (g) => g.terms.join(' '),
                  render: (g) => g.terms.map((term) => <Tag key={term}>{term}</Tag>),
                },
                {
                  key: 'times',
                  title: t('times'),
                  csvTitle: 'times',
                  align: 'right',
                  value: (g) => g.times,
                  render: (g) => fmt.number(g.times),
                },
                {
                  key: 'create',
                  title: '',
                  value: () => '',
                  render: (g) => (
                    <Link href={`/s/${siteId}/knowledge?new=${encodeURIComponent(g.question)}`}>
                      <Button size="small" data-testid="create-article">
                        {t('createArticle')}
                      </Button>
                    </Link>
                  ),
                },
              ]}
            />
          </Space>
        )}
      </QueryState>
    </Space>
  );
}

export default function RobotPage() {
  return (
    <Suspense>
      <RobotReport />
    </Suspense>
  );
}
