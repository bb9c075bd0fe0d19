'use client';
import {
  AimOutlined,
  BookOutlined,
  BugOutlined,
  CommentOutlined,
  ContactsOutlined,
  RobotOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileTextOutlined,
  RetweetOutlined,
  FireOutlined,
  FunnelPlotOutlined,
  BarsOutlined,
  FlagOutlined,
  FilterOutlined,
  GlobalOutlined,
  HistoryOutlined,
  ImportOutlined,
  ScheduleOutlined,
  TagsOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  PhoneOutlined,
  NodeIndexOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { SiteScreen } from '@/app/_components/screens';
import { CallbackCount } from './callback-alerts';
import { ChatCount } from './chat-alerts';
import { LiveCount } from './live-count';

/** Each screen's icon in the menu. */
export const SCREEN_ICON: Record<SiteScreen, ReactNode> = {
  overview: <DashboardOutlined />,
  pages: <FileTextOutlined />,
  retention: <RetweetOutlined />,
  journeys: <NodeIndexOutlined />,
  conversion: <FunnelPlotOutlined />,
  events: <BarsOutlined />,
  goals: <FlagOutlined />,
  funnels: <FilterOutlined />,
  agents: <CustomerServiceOutlined />,
  live: <AimOutlined />,
  chats: <CommentOutlined />,
  'chat-history': <HistoryOutlined />,
  callbacks: <PhoneOutlined />,
  rules: <ThunderboltOutlined />,
  visitors: <TeamOutlined />,
  leads: <ContactsOutlined />,
  import: <ImportOutlined />,
  geo: <GlobalOutlined />,
  staffing: <ScheduleOutlined />,
  robot: <RobotOutlined />,
  'hot-words': <FireOutlined />,
  bots: <BugOutlined />,
  knowledge: <BookOutlined />,
  tags: <TagsOutlined />,
};

/** Screens whose menu row carries a live count. */
export const NAV_COUNT: Partial<Record<SiteScreen, (props: { siteId: string }) => ReactNode>> = {
  live: LiveCount,
  chats: ChatCount,
  callbacks: CallbackCount,
};
