import { describe, expect, it } from 'vitest';
import { parseLiveAddress } from '../../../shared/live/address';

describe('a live server address as typed', () => {
  it.each([
    ['speechwriting-pc:4455', 'ws://speechwriting-pc:4455'],
    ['  speechwriting-pc  ', 'ws://speechwriting-pc:4455'],
    ['ws://10.0.0.7:5000', 'ws://10.0.0.7:5000'],
    ['WS://Live.Aldport.example', 'ws://live.aldport.example:4455'],
    ['wss://live.aldport.example', 'wss://live.aldport.example'],
    ['[::1]:4455', 'ws://[::1]:4455'],
  ])('takes %j as %s', (typed, url) => expect(parseLiveAddress(typed)).toMatchObject({ url }));

  it.each([
    ['', /Type the address/],
    ['http://live.example', /"http:\/\/" is not a live server's address/],
    ['file:///etc/passwd', /"file:\/\/" is not/],
    ['ada:secret@live.example', /no user name or password/],
    ['live.example:4455/steal', /more than a host and port/],
    ['live.example?x=1', /more than a host and port/],
    ['live.example:99999', /is not an address/],
    ['live_example', /not a host name|is not an address/],
  ])('refuses %j, saying why', (typed, problem) => expect(parseLiveAddress(typed)).toMatchObject({ problem: expect.stringMatching(problem) }));
});
