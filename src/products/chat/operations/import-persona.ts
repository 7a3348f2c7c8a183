import type { ProductContext } from '../../../core/product.js';
import { cardToPersona, createPersona, personaView } from '../personas.js';
import type { CharacterCard, Persona } from '../contract.js';

/** A Character Card V2 becomes a persona, under `id` when given. */
export async function importPersona(core: ProductContext, card: CharacterCard, id?: string): Promise<Persona> {
  return personaView(await createPersona(core, cardToPersona(card, id)));
}
