/** ADS result codes the virtual target answers with (AdsLib AdsDef.h). */
export const ADS_OK = 0;
export const ADS_ERR_TARGET_PORT_NOT_FOUND = 0x6;
export const ADS_ERR_TARGET_MACHINE_NOT_FOUND = 0x7;
export const ADS_ERR_UNKNOWN_COMMAND = 0x8;
export const ADS_ERR_SERVICE_NOT_SUPPORTED = 0x701;
export const ADS_ERR_INVALID_OFFSET = 0x703;
export const ADS_ERR_INVALID_SIZE = 0x705;
export const ADS_ERR_INVALID_DATA = 0x706;
export const ADS_ERR_INVALID_PARAMETER = 0x70b;
export const ADS_ERR_NOT_FOUND = 0x70c;
export const ADS_ERR_NO_MORE_HANDLES = 0x716;
