import { findDocument, listDocuments } from '../../ingest/document-queries.ts';
import { findIngestedFolder } from '../../ingest/ingested-folder.ts';
import { findPassage } from '../../retrieval/passage-queries.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { HttpError } from '../http-io.ts';
import { documentPage, documentsPage } from '../pages/documents-page.ts';
import { sourcePage } from '../pages/source-page.ts';
import type { Route } from '../router.ts';
import { requireAccount } from './require-account.ts';
import { sendPage } from './send-page.ts';

/** The knowledge base for staff: the documents (current, or every version), each document whole, a cited passage. */
export function documentRoutes(dependencies: ConsoleDependencies): Route[] {
  const { context } = dependencies;
  return [
    {
      method: 'GET',
      path: /^\/sources\/(\d{1,12})$/,
      async handle(input) {
        const session = requireAccount(input, 'ask');
        const passage = await findPassage(context.database, Number(input.params[0]));
        if (!passage) throw new HttpError(404, '未找到该引用段落（文档可能已被重新导入）。');
        const ingestedFolder = await findIngestedFolder(context.database);
        sendPage(input, session, { title: passage.title, body: sourcePage(passage, { ingestedFolder }) });
      },
    },
    {
      method: 'GET',
      path: /^\/documents$/,
      async handle(input) {
        const session = requireAccount(input, 'ask');
        const all = input.url.searchParams.get('all') === '1';
        const body = documentsPage({ documents: await listDocuments(context.database, { all }), all });
        sendPage(input, session, { title: '知识库', body, wide: true });
      },
    },
    {
      method: 'GET',
      path: /^\/documents\/(\d{1,12})$/,
      async handle(input) {
        const session = requireAccount(input, 'ask');
        const found = await findDocument(context.database, Number(input.params[0]));
        if (!found) throw new HttpError(404, '未找到该文件。');
        const ingestedFolder = await findIngestedFolder(context.database);
        sendPage(input, session, { title: found.document.title, body: documentPage({ ...found, ingestedFolder }) });
      },
    },
  ];
}
