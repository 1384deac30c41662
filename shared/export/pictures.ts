// The pictures a PDF copy carries beside its manifest, as attached files: a printed page holds
// them only as decoded pixels, and Signet needs their bytes (the ones whose digests the manifest
// names) to print the page again from the manifest and compare the two.
import { MANIFEST_NAME, type CopyManifest } from './manifest';

export const PICTURE_FILES = { logo: 'signet-logo.png', signature: 'signet-signature.png' } as const;

export type PictureName = keyof typeof PICTURE_FILES;

/** The pictures a copy shows: those its manifest names a digest for. */
export const shownPictures = (m: CopyManifest): PictureName[] => (['logo', 'signature'] as const).filter((name) => m.images[name]);

/** The files a PDF copy carries: its manifest, and each picture it shows. */
export const copyAttachments = (m: CopyManifest): string[] => [MANIFEST_NAME, ...shownPictures(m).map((name) => PICTURE_FILES[name])];
