import type { ProductContext } from '../../../core/product.js';
import { createPersona as insertPersona, personaView } from '../personas.js';
import type { CreatePersonaBody, Persona } from '../contract.js';

export async function createPersona(core: ProductContext, input: CreatePersonaBody): Promise<Persona> {
  return personaView(await insertPersona(core, input));
}
