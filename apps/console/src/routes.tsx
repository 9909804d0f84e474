import { PageHeading } from './components/ui';
import { useI18n } from './i18n/i18n';
import { match } from './router';
import { AuditPage } from './pages/audit';
import { CorrespondenceDetail } from './pages/correspondence-detail';
import { CorrespondenceQueue } from './pages/correspondence-queue';
import { Duplicates } from './pages/duplicates';
import { PartyAudit } from './pages/party-audit';
import { PartyPage } from './pages/party';
import { SearchPage } from './pages/search';

/** The signed-in pages; each one starts with its level-1 heading. */
export function Routes({ route }: { route: { path: string; query: URLSearchParams } }) {
  const { t } = useI18n();
  const { path, query } = route;
  let params: Record<string, string> | null;
  if (path === '/' || path === '') return <SearchPage />;
  if ((params = match('/parties/:id', path))) return <PartyPage id={params.id} asOf={query.get('asOf')} />;
  if ((params = match('/parties/:id/audit', path))) return <PartyAudit id={params.id} />;
  if (path === '/correspondence') return <CorrespondenceQueue />;
  if ((params = match('/correspondence/:id', path))) return <CorrespondenceDetail id={params.id} />;
  if (path === '/audit') return <AuditPage />;
  if (path === '/duplicates') return <Duplicates />;
  return <PageHeading title={t('error.notFound')}>{t('error.notFound')}</PageHeading>;
}
