import { Controller, Get, Header, Inject, StreamableFile } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import { Public } from '../auth/auth.decorators';

export class ConsoleOidcResponse {
  @ApiProperty({ description: 'Issuer identifier; discovery at <issuer>/.well-known/openid-configuration' }) issuer!: string;
  @ApiProperty({ description: "The console's client id at the issuer" }) clientId!: string;
  @ApiProperty({ description: 'Where the issuer sends the browser back with the authorization code' }) redirectUri!: string;
  @ApiProperty({ example: 'openid profile' }) scopes!: string;
}

export class ConsoleConfigResponse {
  @ApiProperty({ enum: ['token', 'oidc'], description: '`oidc`: authorization code + PKCE at the issuer; `token`: paste a token from `civic-ledger token`' }) signIn!: 'token' | 'oidc';
  @ApiPropertyOptional({ type: ConsoleOidcResponse }) oidc?: ConsoleOidcResponse;
}

/** A 16×16 mark (SVG): browsers ask for /favicon.ico on every page and log an error on a 404. */
const FAVICON = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1d4f91"/><path d="M4 4h2v6h6v2H4z" fill="#fff"/></svg>',
);

/** What the staff console needs before anyone signs in. */
@ApiTags('session')
@Public()
@Controller()
export class ConsoleConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('v1/console/config')
  @ApiOperation({ summary: "How the staff console signs in (no token needed): the OIDC issuer, client id and redirect URI, or a pasted token" })
  consoleConfig(): ConsoleConfigResponse {
    const oidc = this.config.console.oidc;
    if (!oidc) return { signIn: 'token' };
    return { signIn: 'oidc', oidc: { issuer: oidc.issuer, clientId: oidc.clientId, redirectUri: oidc.redirectUri, scopes: oidc.scopes } };
  }

  @Get(['favicon.ico', 'console/favicon.ico'])
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'public, max-age=86400')
  favicon(): StreamableFile {
    return new StreamableFile(FAVICON, { type: 'image/svg+xml' });
  }
}
