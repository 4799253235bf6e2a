import type { voiceMethods } from '../../../src-shared/methods/voice';
import { bookFilter } from '../../services/identity';
import { bookVoice, partnerVoice } from '../../services/voice/service';
import { readVoiceSettings, writeVoiceSettings } from '../../services/voice/settings';
import type { AreaHandlers, HandlerDeps } from './deps';

/** Voice of the partner (issue 16 point 4): computed on each call from the replica and the lexicon in settings. */
export function voiceHandlers(d: HandlerDeps): AreaHandlers<typeof voiceMethods> {
  return {
    'voice.partner': ({ id, asOf }) => partnerVoice(d.db, id, asOf ?? d.clock.today()),
    'voice.book': ({ asOf, scope }) => bookVoice(d.db, asOf ?? d.clock.today(), bookFilter(d.db, scope).owners),
    'voice.settings.get': () => readVoiceSettings(d.db),
    'voice.settings.set': (input) => {
      const saved = writeVoiceSettings(d.db, input);
      d.events.emit('data.changed', { entities: ['setting'] });
      return saved;
    },
  };
}
