import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_UPLOAD_MB } from '@colab/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { TooLarge, ValidationFailed } from '../errors.ts';
import { asStorageFailure, type FileStore } from './file-store.ts';

export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;

/**
 * Receives one multipart `file` (and a few short fields) into the store's incoming folder,
 * stopping at the size limit. Nothing of a refused or failed upload stays on disk; its errors
 * become the API's own problem answers.
 */
export function receiveUpload(files: FileStore): RequestHandler {
  const upload = multer({
    storage: removingPartialFiles(files.incomingDir),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 4_000 },
  }).single('file');
  return (req: Request, res: Response, next: NextFunction) =>
    upload(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE')
          return next(
            new TooLarge(
              [{ path: 'file', message: `Upload files of at most ${MAX_UPLOAD_MB} MB` }],
              `That file is over ${MAX_UPLOAD_MB} MB.`,
            ),
          );
        return next(
          new ValidationFailed([{ path: error.field ?? 'file', message: error.message }]),
        );
      }
      next(asStorageFailure(error));
    });
}

/**
 * multer's disk storage, except that a write failing part-way (disk full, I/O error) removes
 * the partial file: multer itself only removes files that were written to the end.
 */
function removingPartialFiles(dir: string): multer.StorageEngine {
  const names = new WeakMap<Express.Multer.File, string>();
  const disk = multer.diskStorage({
    destination: dir,
    filename: (_req, file, cb) => {
      const name = randomBytes(16).toString('hex');
      names.set(file, name);
      cb(null, name);
    },
  });
  return {
    _handleFile(req, file, cb) {
      disk._handleFile(req, file, (error, info) => {
        if (!error) return cb(null, info);
        const name = names.get(file);
        if (!name) return cb(error);
        rm(join(dir, name), { force: true }).then(
          () => cb(error),
          () => cb(error),
        );
      });
    },
    _removeFile: (req, file, cb) => disk._removeFile(req, file, cb),
  };
}
