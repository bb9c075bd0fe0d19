'use client';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Drawer, Row, Space, Table } from 'antd';
import Link from '@/app/_components/link';
import { useTranslations } from 'use-intl';
import { Country } from '@/app/_components/country';
import { QueryState } from '@/app/_components/query-state';
import { carriedQuery, useReportParams } from '@/app/_components/use-report-params';
import { useFormat } from '@/app/_components/use-format';
import { useTRPC } from '@/app/_lib/trpc';
import { HOT_WORD_DIMENSIONS, type HotWordDimension } from '@/server/contract/hot-words';
import { useSearchParams } from 'next/navigation';

/** One term: the chats that contain it, where its messages came from, and what its visitors viewed most. */
export function TermDrawer({ siteId, term, onClose }: { siteId: string; term: string | null; onClose: () => void }) {
  const t = useTranslations('hotWords');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input } = useReportParams();
  const search = useSearchParams();
  const detail = useQuery(trpc.hotWords.term.queryOptions({ ...input, term: term ?? '' }, { enabled: term !== null }));
  const carried = carriedQuery(search);
  const screen = (name: string, param: string) =>
    `/s/${encodeURIComponent(siteId)}/${name}?${carried ? `${carried}&` : ''}${param}=${encodeURIComponent(term ?? '')}`;
  const valueOf = (d: HotWordDimension, v: string) =>
    d === 'country' ? <Country code={v} /> : d === 'kind' ? t(`kinds.${v as 'chat'}`) : v || t('none');
  return (
    <Drawer
      open={term !== null}
      onClose={onClose}
      title={<span translate="no">{term}</span>}
      size={720}
      data-testid="term-drawer"
    >
      <QueryState query={detail}>
        {(d) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {/* A word written only in offline messages is in no chat: say so, and lead to the leads those messages made. */}
            <Space wrap>
              {d.reach.chats > 0 ? (
                <Link href={screen('chat-history', 'term')} data-testid="term-chats">
                  <Button type="primary">{t('openChats', { count: d.reach.chats })}</Button>
                </Link>
              ) : (
                <Button disabled data-testid="term-no-chats">
                  {t('noChats')}
                </Button>
              )}
              {d.reach.offline > 0 && (
                <Link href={screen('leads', 'q')} data-testid="term-leads">
                  <Button>{t('openLeads', { count: d.reach.offline })}</Button>
                </Link>
              )}
            </Space>
            <Card size="small" title={t('pages')}>
              <Table
                size="small"
                rowKey="path"
                pagination={false}
                dataSource={d.pages}
                data-testid="term-pages"
                locale={{ emptyText: t('noPages') }}
                columns={[
                  { key: 'path', title: t('page'), dataIndex: 'path' },
                  { key: 'visitors', title: t('visitors'), align: 'right', render: (_, r) => fmt.number(r.visitors) },
                  { key: 'views', title: t('views'), align: 'right', render: (_, r) => fmt.number(r.views) },
                ]}
              />
            </Card>
            <Row gutter={[16, 16]}>
              {HOT_WORD_DIMENSIONS.map((dim) => (
                <Col xs={24} md={12} key={dim}>
                  <Card size="small" title={t(`by.${dim}`)}>
                    <Table
                      size="small"
                      rowKey="value"
                      pagination={false}
                      dataSource={d.breakdown[dim]}
                      columns={[
                        { key: 'value', title: t(`dim.${dim}`), render: (_, r) => valueOf(dim, r.value) },
                        { key: 'count', title: t('count'), align: 'right', render: (_, r) => fmt.number(r.count) },
                        {
                          key: 'visitors',
                          title: t('visitors'),
                          align: 'right',
                          render: (_, r) => fmt.number(r.visitors),
                        },
                      ]}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
          </Space>
        )}
      </QueryState>
    </Drawer>
  );
}
