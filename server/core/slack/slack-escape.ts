/**
 * Escapes text for Slack's mrkdwn: `&`, `<` and `>` (so an alert's summary cannot mention
 * `@channel` or forge a link), and cuts it to `max` characters.
 */
export function slackEscape(text: string, max = 2_000): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return cut.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
