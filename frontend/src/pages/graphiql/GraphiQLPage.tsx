import { useMemo } from 'react';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import './monacoWorkers';
import 'graphiql/style.css';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import './graphiql.css';

const DEFAULT_QUERY = `# 以当前登录身份查询 (runs as you)
query Console_Me {
  me {
    username
    displayName
    role
  }
  departments {
    code
    name
    shortName
  }
}
`;

/** GraphiQL (ADMIN, ANALYST): the API with the SPA's own sign-in token. */
export default function GraphiQLPage() {
  const { t } = useTranslation();
  const { authFetch } = useSession();
  const fetcher = useMemo(() => createGraphiQLFetcher({ url: '/graphql', fetch: authFetch }), [authFetch]);
  return (
    <div className="graphiql-page" data-testid="graphiql-page">
      <PageHeader title={t('graphiql.title')} description={t('graphiql.subtitle')} />
      <div className="graphiql-frame">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} isHeadersEditorEnabled={false} shouldPersistHeaders={false} forcedTheme="light" />
      </div>
    </div>
  );
}
