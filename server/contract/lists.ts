/** What each list can be sorted by. The queries map each key to its ORDER BY expression. */
export const LEAD_SORT_KEYS = ['createdAt', 'updatedAt', 'name', 'status'] as const;
export type LeadSort = (typeof LEAD_SORT_KEYS)[number];

export const CHAT_SORT_KEYS = ['startedAt', 'messages', 'rating'] as const;
export type ChatSort = (typeof CHAT_SORT_KEYS)[number];

/**
 * Chat history by who served: any robot chat, the robot alone to the end, the robot then a
 * person (one was asked for), a person from the start; '' for all.
 */
export const CHAT_SERVED_FILTERS = ['', 'robot', 'robot_alone', 'handed_over', 'person'] as const;
export type ChatServedFilter = (typeof CHAT_SERVED_FILTERS)[number];

export const VISITOR_SORT_KEYS = ['lastSeen', 'firstSeen', 'sessions', 'pageviews'] as const;
export type VisitorSort = (typeof VISITOR_SORT_KEYS)[number];
