'use client';
import { Image, Typography } from 'antd';
import Markdown from 'react-markdown';

/**
 * An article's answer as visitors will see it. react-markdown builds React elements (never
 * innerHTML): raw HTML in the text is dropped and unsafe link schemes (javascript:) removed.
 */
export function MarkdownView({ text }: { text: string }) {
  return (
    <Typography data-testid="kb-markdown">
      <Markdown
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {children}
            </a>
          ),
          img: ({ src, alt }) =>
            typeof src === 'string' ? (
              <Image src={src} alt={alt ?? ''} preview={false} style={{ maxWidth: '100%' }} />
            ) : null,
        }}
      >
        {text}
      </Markdown>
    </Typography>
  );
}
