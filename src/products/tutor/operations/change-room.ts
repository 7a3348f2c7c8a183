import type { ProductContext } from '../../../core/product.js';
import { changeRoom } from '../presence.js';
import type { RoomChange, RoomName } from '../contract.js';

/** The student says which room they are in (null: none); their tutors' dashboards hear it live. */
export const enterRoom = (core: ProductContext, studentId: string, room: RoomName | null): Promise<RoomChange> =>
  changeRoom(core, studentId, room);
