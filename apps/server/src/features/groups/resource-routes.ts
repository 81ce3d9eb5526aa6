import { ZCreateResourceRequest } from '@colab/shared';
import { type Request, type Response, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { ValidationFailed } from '../../errors.ts';
import { receiveUpload } from '../../files/receive-upload.ts';
import { sendStored } from '../../files/send-stored.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import {
  addResource,
  authorizeResourceUpload,
  deleteResource,
  listResources,
  resourceFile,
} from './resources.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function resourceRoutes({ db, auth, files }: FeatureContext): Router {
  const router = Router();
  const signedIn = requireActor(auth);
  const receive = receiveUpload(files);

  router.post(
    '/groups/:id/resources',
    signedIn,
    // Refused before a byte of the file is stored.
    async (req, res, next) => {
      await authorizeResourceUpload(db, actorOf(res), param(req, 'id'));
      next();
    },
    receive,
    async (req, res) => {
      try {
        await addFromForm(req, res);
      } finally {
        // Whatever happened, nothing received stays in the incoming folder.
        if (req.file) await files.discard(req.file.path);
      }
    },
  );
  async function addFromForm(req: Request, res: Response) {
    const fields = parseInput(ZCreateResourceRequest, req.body);
    if (!req.file && !fields.url) {
      throw new ValidationFailed([
        { path: 'file', message: 'Choose a file, or give a link' },
        { path: 'url', message: 'Give a link, or choose a file' },
      ]);
    }
    if (req.file && fields.url) {
      throw new ValidationFailed([{ path: 'url', message: 'Give a file or a link, not both' }]);
    }
    res.status(201).json(
      await addResource(db, files, actorOf(res), param(req, 'id'), {
        title: fields.title,
        url: fields.url,
        file: req.file,
      }),
    );
  }
  router.get('/groups/:id/resources', signedIn, async (req, res) => {
    res.json({ resources: await listResources(db, actorOf(res), param(req, 'id')) });
  });
  router.get('/resources/:id/download', signedIn, async (req, res) => {
    const { row, file } = await resourceFile(db, files, actorOf(res), param(req, 'id'));
    // Always a download, never rendered on our origin; the name is encoded safely (RFC 6266).
    res.attachment(row.fileName ?? 'file');
    res.type(row.contentType ?? 'application/octet-stream');
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Content-Security-Policy', "default-src 'none'; sandbox");
    await sendStored(res, file);
  });
  router.delete('/resources/:id', signedIn, async (req, res) => {
    await deleteResource(db, files, actorOf(res), param(req, 'id'));
    res.status(204).end();
  });
  return router;
}
