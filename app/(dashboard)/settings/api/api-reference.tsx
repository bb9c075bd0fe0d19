'use client';
import { useQuery } from '@tanstack/react-query';
import { Collapse, Space, Table, Tag, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';

// The reference is drawn from /api/v1/openapi.json, which the server generates from its route
// table: our own compact rendering, because hosted renderers load scripts and fonts the
// dashboard's Content-Security-Policy (same-origin only) refuses.

interface Schema {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  description?: string;
  maximum?: number;
  minimum?: number;
  default?: unknown;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
  description?: string;
}
interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  'x-scope'?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHOD_COLOR: Record<string, string> = { get: 'blue', post: 'green', patch: 'orange', delete: 'red' };

/** A schema as a short TypeScript-like outline: enough to write a client from. */
function outline(schema: Schema | undefined, doc: OpenApiDoc, indent = '', seen = new Set<string>()): string {
  if (!schema) return 'unknown';
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1) ?? '';
    if (seen.has(name)) return name;
    return outline(doc.components?.schemas?.[name], doc, indent, new Set([...seen, name]));
  }
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map((s) => outline(s, doc, indent, seen)).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
  if (type === 'array') return `${outline(schema.items, doc, indent, seen)}[]`;
  if (schema.properties) {
    const inner = `${indent}  `;
    const lines = Object.entries(schema.properties).map(
      ([key, value]) =>
        `${inner}${key}${schema.required?.includes(key) ? '' : '?'}: ${outline(value, doc, inner, seen)}${value.description ? `  // ${value.description}` : ''}`,
    );
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  return type ?? 'unknown';
}

/** Descriptions mark names with backticks, as Markdown does: shown as code. */
function Prose({ text }: { text: string }) {
  return (
    <Typography.Paragraph style={{ margin: 0 }}>
      {text.split('`').map((part, i) =>
        i % 2 === 1 ? (
          <Typography.Text code key={i}>
            {part}
          </Typography.Text>
        ) : (
          part
        ),
      )}
    </Typography.Paragraph>
  );
}

function OperationView({ op, doc }: { op: Operation; doc: OpenApiDoc }) {
  const t = useTranslations('api');
  const body = op.requestBody?.content['application/json']?.schema;
  const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {op.description && <Prose text={op.description} />}
      {(op.parameters?.length ?? 0) > 0 && (
        <Table<Parameter>
          size="small"
          pagination={false}
          rowKey={(p) => `${p.in}-${p.name}`}
          title={() => t('parameters')}
          dataSource={op.parameters}
          scroll={{ x: true }}
          columns={[
            { key: 'name', title: 'name', render: (_, p) => <Typography.Text code>{p.name}</Typography.Text> },
            { key: 'in', title: 'in', dataIndex: 'in' },
            { key: 'type', title: 'type', render: (_, p) => outline(p.schema, doc) },
            { key: 'required', title: '', render: (_, p) => p.required && <Tag>{t('required')}</Tag> },
            { key: 'about', title: '', render: (_, p) => p.description ?? p.schema?.description ?? '' },
          ]}
        />
      )}
      {body && (
        <>
          <Typography.Text strong>{t('requestBody')}</Typography.Text>
          <pre className="api-schema">{outline(body, doc)}</pre>
        </>
      )}
      {ok && (
        <>
          <Typography.Text strong>{t('response', { status: ok[0] })}</Typography.Text>
          <pre className="api-schema">{outline(ok[1].content?.['application/json']?.schema, doc)}</pre>
        </>
      )}
    </Space>
  );
}

export function ApiReference() {
  const t = useTranslations('api');
  const doc = useQuery({
    queryKey: ['openapi.json'],
    queryFn: async (): Promise<OpenApiDoc> => {
      const res = await fetch('/api/v1/openapi.json');
      if (!res.ok) throw new Error(t('docError'));
      return (await res.json()) as OpenApiDoc;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <QueryState query={doc}>
      {(d) => {
        const operations = Object.entries(d.paths).flatMap(([path, ops]) =>
          Object.entries(ops).map(([method, op]) => ({ path, method, op })),
        );
        return (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="api-reference">
            <style>{`.api-schema{margin:0;padding:8px 12px;background:#f6f7f9;border-radius:6px;font-size:12px;overflow-x:auto;white-space:pre}`}</style>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('errorsNote', { shape: '{ "error": { "code", "message" } }' })}{' '}
              <Typography.Link href="/api/v1/openapi.json" target="_blank">
                {t('openapiLink')}
              </Typography.Link>
            </Typography.Paragraph>
            <Collapse
              items={operations.map(({ path, method, op }) => ({
                key: `${method} ${path}`,
                label: (
                  <Space wrap size={6}>
                    <Tag color={METHOD_COLOR[method]} style={{ minWidth: 52, textAlign: 'center' }}>
                      {method.toUpperCase()}
                    </Tag>
                    <Typography.Text code style={{ wordBreak: 'break-all' }}>
                      {path}
                    </Typography.Text>
                    <Typography.Text type="secondary">{op.summary}</Typography.Text>
                    {op['x-scope'] && <Tag>{t('scopeTag', { scope: op['x-scope'] })}</Tag>}
                  </Space>
                ),
                children: <OperationView op={op} doc={d} />,
              }))}
            />
          </Space>
        );
      }}
    </QueryState>
  );
}
