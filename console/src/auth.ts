import { useEffect, useState } from 'react';
import { currentUser, onSessionChange, type Profile } from './api';

/** The signed-in account (null when signed out); re-renders on sign in, sign out and profile reloads. */
export function useUser(): Profile | null {
  const [user, setUser] = useState<Profile | null>(currentUser);
  useEffect(() => onSessionChange(setUser), []);
  return user;
}
