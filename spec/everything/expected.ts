/**
 * What the fixtures of `demo/everything-server.ts` are expected to give, written out here (not
 * imported from the demo) so that the batteries check the server against an independent copy.
 * Shared by `battery.ts` (official SDK client) and `rxmcp-battery.ts` (rxmcp's McpClient).
 */

/** The tools of the fixture server, in the order it registers them. */
export const EVERYTHING_TOOLS = [
  'test_simple_text',
  'test_image_content',
  'test_audio_content',
  'test_embedded_resource',
  'test_multiple_content_types',
  'test_tool_with_logging',
  'test_tool_with_progress',
  'test_error_handling',
  'test_sampling',
  'test_elicitation',
  'test_elicitation_sep1034_defaults',
  'test_elicitation_sep1330_enums',
  'json_schema_2020_12_tool',
  'test_reconnection',
  // The 2026-07-28 fixtures (demo/everything-server-2026.ts).
  'test_x_mcp_header',
  'test_missing_capability',
  'test_streaming_elicitation',
  'test_logging_tool',
  'test_trigger_tool_change',
  'test_trigger_prompt_change',
  'test_input_required_result_elicitation',
  'test_input_required_result_sampling',
  'test_input_required_result_list_roots',
  'test_input_required_result_request_state',
  'test_input_required_result_tampered_state',
  'test_input_required_result_multiple_inputs',
  'test_input_required_result_multi_round',
  'test_input_required_result_capabilities',
  'test_touch_watched_resource',
  // The tasks extension fixtures (demo/everything-server-extensions.ts).
  'greet',
  'slow_compute',
  'failing_job',
  'protocol_error_job',
  'confirm_delete',
  'multi_input',
  'test_tool_with_task',
] as const;

/** The URIs of the fixture server's static resources, sorted: its test resources and its skills' files. */
export const EVERYTHING_RESOURCE_URIS = [
  'skill://acme/billing/refunds/SKILL.md',
  'skill://acme/billing/refunds/examples/email.md',
  'skill://pdf-processing/SKILL.md',
  'skill://pdf-processing/references/FORMS.md',
  'skill://pdf-processing/templates/invoice.md',
  'skill://pdf-processing/templates/regional/eu-invoice.md',
  'test://static-binary',
  'test://static-text',
  'test://watched-resource',
];

/** The 1×1 PNG of the image tool, prompt and binary resource (base64). */
export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** The text of `test_simple_text`. */
export const SIMPLE_TEXT = 'This is a simple text response for testing.';

/** The requested schema of `test_elicitation_sep1034_defaults`: a default for every field. */
export const SEP1034_REQUESTED_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'User name', default: 'John Doe' },
    age: { type: 'integer', description: 'User age', default: 30 },
    score: { type: 'number', description: 'User score', default: 95.5 },
    status: { type: 'string', description: 'User status', enum: ['active', 'inactive', 'pending'], default: 'active' },
    verified: { type: 'boolean', description: 'Verification status', default: true },
  },
  required: [],
};

/** An accepted answer to `test_elicitation_sep1330_enums`, one value for each kind of enum field… */
export const SEP1330_ANSWER = {
  untitledSingle: 'option2',
  titledSingle: 'value3',
  legacyEnum: 'opt1',
  untitledMulti: ['option1', 'option3'],
  titledMulti: ['value2'],
};
/** …and the tool's text for it. */
export const SEP1330_ANSWER_TEXT =
  'Elicitation completed: action=accept, content={"untitledSingle":"option2","titledSingle":"value3","legacyEnum":"opt1","untitledMulti":["option1","option3"],"titledMulti":["value2"]}';

/** The `oneOf` of the titled single select of `test_elicitation_sep1330_enums`. */
export const SEP1330_TITLED_SINGLE_OPTIONS = [
  { const: 'value1', title: 'First Option' },
  { const: 'value2', title: 'Second Option' },
  { const: 'value3', title: 'Third Option' },
];

/** The `items.anyOf` of the titled multi select of `test_elicitation_sep1330_enums`. */
export const SEP1330_TITLED_MULTI_OPTIONS = [
  { const: 'value1', title: 'First Choice' },
  { const: 'value2', title: 'Second Choice' },
  { const: 'value3', title: 'Third Choice' },
];

/** The input schema of `json_schema_2020_12_tool`, kept verbatim by the server. */
export const JSON_SCHEMA_2020_12_INPUT = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    address: {
      $anchor: 'addressDef',
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' } },
    },
  },
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' },
    contactMethod: { type: 'string', enum: ['phone', 'email'] },
    phone: { type: 'string' },
    email: { type: 'string' },
  },
  allOf: [{ anyOf: [{ required: ['name'] }, { required: ['address'] }] }],
  if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
  then: { required: ['phone'] },
  else: { not: { required: ['phone'] } },
  additionalProperties: false,
};

/** The five prompts, sorted by name. */
export const PROMPT_NAMES = [
  'test_input_required_result_prompt',
  'test_prompt_with_arguments',
  'test_prompt_with_embedded_resource',
  'test_prompt_with_image',
  'test_simple_prompt',
];

/** The messages of `test_prompt_with_embedded_resource` for `resourceUri: 'test://example-resource'`. */
export const EMBEDDED_RESOURCE_PROMPT_MESSAGES = [
  {
    role: 'user',
    content: {
      type: 'resource',
      resource: {
        uri: 'test://example-resource',
        mimeType: 'text/plain',
        text: 'Embedded resource content for testing.',
      },
    },
  },
  { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
];

/** The messages of `test_prompt_with_image`. */
export const IMAGE_PROMPT_MESSAGES = [
  { role: 'user', content: { type: 'image', data: PNG, mimeType: 'image/png' } },
  { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
];
