/* A stand-in for a vendor's libsdtapi.so (the "公安部二代证模块通信标准函数") with the same
 * signatures, plus SIM_* functions a test uses to put a card on it, and a stand-in for a
 * licensed WLT decoder (unpack / GetBmp). Built by the tests with gcc, loaded with ctypes. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static unsigned char g_text[256], g_photo[1024], g_app[280];
static unsigned int g_app_len = 0;
static int g_present = 0, g_open = 0, g_sam = 0x90, g_read_ret = 0x90, g_hang_ms = 0;
static int g_calls = 0;

int SIM_SetCard(const unsigned char *text, const unsigned char *photo, int present) {
    if (text) memcpy(g_text, text, 256);
    if (photo) memcpy(g_photo, photo, 1024);
    g_present = present;
    return 0;
}
int SIM_SetAppended(const unsigned char *app, unsigned int len) {
    g_app_len = len > sizeof g_app ? sizeof g_app : len;
    if (app) memcpy(g_app, app, g_app_len);
    return 0;
}
int SIM_SetSam(int status) { g_sam = status; return 0; }
int SIM_SetReadResult(int ret) { g_read_ret = ret; return 0; }
int SIM_SetHangMs(int ms) { g_hang_ms = ms; return 0; }
int SIM_Calls(void) { return g_calls; }

int SDT_OpenPort(int port) {
    g_calls++;
    if (port != 1001 && port != 1) return 1; /* 端口打开失败 */
    g_open = 1;
    return 0x90;
}
int SDT_ClosePort(int port) { g_calls++; g_open = 0; return 0x90; }
int SDT_GetSAMStatus(int port, int ifopen) { g_calls++; return g_open ? g_sam : 1; }
int SDT_ResetSAM(int port, int ifopen) { g_calls++; return 0x90; }
int SDT_SetMaxRFByte(int port, unsigned char b, int ifopen) { g_calls++; return b >= 24 ? 0x90 : 0x21; }
int SDT_GetSAMID(int port, unsigned char *id, int ifopen) {
    static const unsigned char sam[16] = {5, 0, 1, 0, 0xd5, 0xaf, 0x34, 0x01,
                                          0x87, 0xd6, 0x12, 0x00, 0xc0, 0x34, 0x0e, 0x35};
    g_calls++;
    memcpy(id, sam, 16);
    return 0x90;
}
int SDT_StartFindIDCard(int port, unsigned char *iin, int ifopen) {
    g_calls++;
    if (g_hang_ms) usleep(g_hang_ms * 1000);
    if (!g_open) return 1;
    if (g_sam != 0x90) return g_sam;
    memset(iin, 0, 4);
    return g_present ? 0x9f : 0x80;
}
int SDT_SelectIDCard(int port, unsigned char *sn, int ifopen) {
    g_calls++;
    memset(sn, 0, 8);
    return g_present ? 0x90 : 0x81;
}
int SDT_ReadBaseMsg(int port, unsigned char *ch, unsigned int *chl, unsigned char *ph,
                    unsigned int *phl, int ifopen) {
    g_calls++;
    if (!g_present) return 0x41;
    if (g_read_ret != 0x90) return g_read_ret;
    memcpy(ch, g_text, 256); *chl = 256;
    memcpy(ph, g_photo, 1024); *phl = 1024;
    return 0x90;
}
int SDT_ReadNewAppMsg(int port, unsigned char *app, unsigned int *len, int ifopen) {
    g_calls++;
    if (!g_present) return 0x41;
    if (!g_app_len) return 0x91;
    memcpy(app, g_app, g_app_len); *len = g_app_len;
    return 0x90;
}

/* A "licensed decoder": 102x126 BGR whose pixels depend on the WLT bytes. */
static int g_licensed = 1;
int SIM_SetLicensed(int yes) { g_licensed = yes; return 0; }
int unpack(char *src, char *dst, int bmpSave) {
    if (!g_licensed) return -5;
    if (src[0] != 'W' || src[1] != 'L') return -1;
    for (int i = 0; i < 102 * 126 * 3; i++) dst[i] = (char)(src[8 + i % 1000] ^ (i / 306));
    return 1;
}
int GetBmp(char *wlt_path, int intf) {
    char bmp[4096];
    size_t n = strlen(wlt_path);
    if (!g_licensed) return -5;
    if (n < 4 || n >= sizeof bmp || strcmp(wlt_path + n - 4, ".wlt") != 0) return -2;
    FILE *in = fopen(wlt_path, "rb");
    if (!in) return -3;
    fclose(in);
    memcpy(bmp, wlt_path, n - 4);
    strcpy(bmp + n - 4, ".bmp");
    FILE *out = fopen(bmp, "wb");
    if (!out) return -3;
    fwrite("BM-standin", 1, 10, out);
    fclose(out);
    return 1;
}
