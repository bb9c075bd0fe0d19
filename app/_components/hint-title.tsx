'use client';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';

/** A column title with a question mark whose tooltip says how the column is counted. */
export function HintTitle({ text, hint, testId }: { text: string; hint: string; testId?: string }) {
  return (
    <Tooltip title={hint}>
      <span data-testid={testId}>
        {text} <QuestionCircleOutlined style={{ color: '#9ca3af' }} />
      </span>
    </Tooltip>
  );
}
