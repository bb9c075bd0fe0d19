-- "I take calls" beside "I take chats": web calls ring only users who said they take them.
-- Off for every stored row (and by default): a call needs a headset, a chat does not.
ALTER TABLE agent_settings ADD COLUMN IF NOT EXISTS takes_calls UInt8 DEFAULT 0;
