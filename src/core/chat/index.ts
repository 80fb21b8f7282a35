// Public surface of the chat-template engine (pure TS: runs in the worker and in Node tests).
export { renderChat, renderTemplate, type RenderChatOptions, type RenderChatResult, type RenderTemplateOptions, type ChatMessage } from './render';
export { ChatTemplateError, type ChatTemplateErrorKind } from './errors';
export { selectChatTemplate, templateNames, type ChatTemplateSource, type SelectedTemplate } from './template-select';
export { specialTokensFromConfig, type SpecialTokens } from './special-tokens';
export { strftime, type Clock } from './strftime';
export { DEFAULT_LIMITS, type Limits } from './interpreter';
export { lintChat, type Lint, type LintCode, type LintInput } from './lint';
export { segmentChat, type Segment, type SegmentKind, type SegmentedRender } from './segments';
