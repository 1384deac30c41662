// What a live server lets into a message, checked in-process against its copy of the document.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initMeta, newMessageDoc, textRoot } from '../../../shared/document';
import { RECORDS } from '../../../shared/signoff';
import { checkFirstCopy, LiveGate, LiveRefusal } from '../../../electron/services/live/gate';
import { AMINA, BEN, signOff } from '../../helpers/signed';

function message(): Y.Doc {
  const doc = newMessageDoc();
  initMeta(doc, { id: 'msg-live', title: 'Address', createdAt: '2026-12-01T09:00:00.000Z', template: 'blank', language: 'en' });
  const paragraph = new Y.XmlElement('paragraph');
  textRoot(doc).insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText('Good morning.')]);
  signOff(doc, 'Draft');
  return doc;
}

/** What `change` does to a copy of `doc`, as the update a client would send. */
function changeOf(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = newMessageDoc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

const typing = (copy: Y.Doc) => ((textRoot(copy).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Well. ');

describe('the live gate', () => {
  it("takes an author's edit and refuses an approver's direct edit, saying why", () => {
    const doc = message();
    const gate = new LiveGate(() => true);
    expect(() => gate.check('msg-live', doc, changeOf(doc, typing), AMINA.signer.publicKey)).not.toThrow();
    expect(() => gate.check('msg-live', doc, changeOf(doc, typing), BEN.signer.publicKey)).toThrow(/suggest changes, not make them/);
  });

  it('refuses a deletion of a sign-off record, even by the owner', () => {
    const doc = message();
    const update = changeOf(doc, (copy) => copy.getArray(RECORDS).delete(0, 1));
    expect(() => new LiveGate(() => true).check('msg-live', doc, update, AMINA.signer.publicKey)).toThrow(/would delete 1 sign-off record/);
  });

  it("takes a first copy only from its owner, and only of this message", () => {
    const state = Y.encodeStateAsUpdate(message());
    expect(() => checkFirstCopy('msg-live', state, AMINA.signer.publicKey)).not.toThrow();
    expect(() => checkFirstCopy('msg-live', state, BEN.signer.publicKey)).toThrow(LiveRefusal);
    expect(() => checkFirstCopy('other-id', state, AMINA.signer.publicKey)).toThrow(/must be that message/);
  });
});
