import type { ProductContext } from '../../../core/product.js';
import { ownPersona, personaView } from '../personas.js';
import type { Persona } from '../contract.js';

export async function getPersona(core: ProductContext, userId: string, id: string): Promise<Persona> {
  return personaView(core, await ownPersona(core, userId, id));
}
