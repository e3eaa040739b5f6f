/** The name and value of a `Set-Cookie` string (`name=value; Path=/; …`), as the handshake's directives are read. */
export function directiveName(directive: string): string {
  return directive.split(';')[0]?.split('=')[0] ?? '';
}

export function directiveValue(directive: string): string {
  return directive.split(';')[0]?.split('=')[1] ?? '';
}
