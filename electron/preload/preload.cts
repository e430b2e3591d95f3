// Sandboxed preload: at runtime it may only require('electron'); esbuild bundles the bridge (and shared code) in.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('api', createBridge(ipcRenderer, webUtils));
