/**
 * "Metode": how the numbers were made and how to read them, for officials who are not
 * statisticians. Static text except the as-of date, the kind of report and the licence
 * reference (the rules: docs/instruments.md and docs/reports.md).
 */
import type { ReportSummary } from '../types';
import { licenceText } from './findings';
import { escapeHtml, fmtDate } from './format';

function p(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

function ul(items: string[]): string {
  return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

export function methodSection(s: ReportSummary): string {
  return (
    `<section id="metode" class="method"><h2>9. Metode</h2>` +
    `<h3>Sumber data</h3>` +
    p(
      `Laporan ini dihitung otomatis dari data program per ${fmtDate(s.asOf)}: kegiatan, penilaian dan kejadian ` +
        `bertanggal sampai dengan tanggal tersebut. Laporan yang dibuat ulang dengan data dan tanggal yang sama ` +
        `menghasilkan berkas yang sama persis. Rincian per klien (tanpa identitas) ada di berkas enrollments.csv, ` +
        `ringkasan lengkap di summary.json.`,
    ) +
    `<h3>Instrumen</h3>` +
    ul([
      'Kualitas hidup: WHOQOL-BREF (WHO, 1996; versi Indonesia: Purba dkk., 2018). 26 butir berskala 1-5. ' +
        'Butir 3, 4 dan 26 dibalik (6 - x). Skor domain = rerata butir yang dijawab x 4, lalu diubah ke skala 0-100 ' +
        '((skor - 4) x 100 / 16). Domain yang butirnya terlalu banyak kosong tidak diberi skor (fisik minimal 6 dari 7, ' +
        'psikologis 5 dari 6, hubungan sosial 2 dari 3, lingkungan 6 dari 8); formulir dengan 6 butir kosong atau lebih ditolak.',
      'Kesiapan berubah: URICA (University of Rhode Island Change Assessment), 32 butir berskala 1-5, 28 butir dinilai ' +
        '(butir 4, 9, 20 dan 31 tidak dinilai). Skor subskala = rerata butirnya. Skor kesiapan = kontemplasi + tindakan + ' +
        'pemeliharaan - prakontemplasi (rentang -2 sampai 14). Tahap (ketentuan program): kesiapan ≤ 8 prakontemplasi; ' +
        'lebih dari 8 sampai 11 kontemplasi; lebih dari 11 persiapan/tindakan.',
      'Skor dihitung oleh server dari jawaban butir dan disimpan dengan 6 angka desimal; semua statistik memakai nilai tersimpan itu.',
      licenceText(s),
    ]) +
    `<h3>Pasangan pra-pasca</h3>` +
    p(
      'Untuk setiap klien dalam periode, penilaian pra yang pertama (skor awal) dipasangkan dengan penilaian pasca yang terakhir ' +
        'yang bertanggal sesudah skor awal itu; penilaian pasca yang bertanggal sebelum atau pada hari skor awal tidak dipasangkan. ' +
        'Penilaian pra yang diulang tidak menggeser skor awal. Klien yang tidak memiliki keduanya (misalnya berhenti atau dipindahkan sebelum penilaian pasca, atau domainnya ' +
        'tidak dapat diberi skor) tidak ikut dalam uji, tetapi tetap dihitung dalam jumlah pendaftaran dan hasil lainnya.',
    ) +
    `<h3>Uji statistik</h3>` +
    ul([
      'Uji t berpasangan (dua sisi) menguji apakah rata-rata perubahan (pasca - pra) berbeda dari nol. IK 95% adalah ' +
        'rentang rata-rata perubahan yang sejalan dengan data pada tingkat kepercayaan 95%; di Temuan utama rentang ini ditulis ' +
        'sebagai "kemungkinan antara ... dan ... poin".',
      'Uji Wilcoxon peringkat bertanda (dua sisi) adalah uji pembanding yang tidak mengandaikan sebaran normal. Selisih nol ' +
        'diabaikan. Karena skor disimpan dengan 6 angka desimal, selisih yang berbeda kurang dari 0,0001 dianggap sama (kembar) ' +
        'dan selisih di bawah 0,0001 dianggap nol. Nilai p eksak dipakai bila jumlah selisih bukan nol paling banyak 50, tidak ada ' +
        'nilai kembar dan tidak ada selisih nol; selain itu dipakai pendekatan normal dengan koreksi untuk nilai kembar dan koreksi ' +
        'kontinuitas (seperti wilcox.test pada R). V = jumlah peringkat selisih yang positif.',
      'Koreksi Holm (Holm, 1979): keempat domain WHOQOL diuji bersama, sehingga peluang mendapat setidaknya satu temuan ' +
        'keliru lebih besar daripada 5%. Nilai p disesuaikan (p Holm) agar peluang itu tetap paling banyak 5%. Untuk domain ' +
        'WHOQOL bukti dinilai dengan p Holm; untuk skor kesiapan URICA (satu uji) dengan p biasa.',
      'Kekuatan bukti: kuat bila uji t dan uji Wilcoxon sama-sama memberi p < 0,05; lemah bila hanya satu yang memberi ' +
        'p < 0,05 atau hanya satu yang dapat dihitung; belum cukup bila keduanya p ≥ 0,05.',
      ...(s.interim
        ? []
        : [
            'Dalam laporan akhir, perubahan dengan bukti kuat disebut "signifikan secara statistik". Laporan sementara tidak memakai kata itu: kesimpulan diambil dari laporan akhir.',
          ]),
    ]) +
    `<h3>Cara membaca p dan ukuran efek</h3>` +
    ul([
      'Nilai p dihitung dua sisi: peluang mendapat perubahan sejauh ini atau lebih jauh dari nol, ke arah mana pun, seandainya ' +
        'sebenarnya tidak ada perubahan. Nilai p tidak menunjukkan besarnya perubahan, dan karena tidak ada kelompok pembanding, ' +
        'perubahan yang jelas belum tentu disebabkan oleh program.',
      'd_z = rata-rata perubahan dibagi simpangan baku perubahan: seberapa besar dan seragam klien berubah ke arah yang sama. ' +
        'Laporan ini tidak memberi label "kecil" atau "besar"; bacalah perubahan dalam poin dan rentangnya. Tanda negatif berarti skor turun.',
      'r rank-biserial (-1 sampai 1) = (jumlah peringkat perubahan naik - jumlah peringkat perubahan turun) / jumlah semua ' +
        'peringkat. 1 berarti semua klien yang berubah mengalami kenaikan, -1 semua mengalami penurunan, 0 seimbang.',
    ]) +
    `<h3>Peringatan sampel kecil dan uji yang tidak dapat dihitung</h3>` +
    ul([
      'Dengan kurang dari 6 klien yang skornya berubah, uji Wilcoxon tidak mungkin mencapai p < 0,05; dengan koreksi Holm untuk ' +
        'empat domain diperlukan minimal 8. Bila klien lebih sedikit, laporan menjelaskannya alih-alih menyebut "tidak ada perubahan".',
      'Kurang dari 10 pasangan: hasil tetap dilaporkan dengan peringatan sampel kecil, karena kesimpulan dapat berubah bila ' +
        'satu atau dua klien berbeda.',
      'Kurang dari 2 pasangan: uji tidak dihitung.',
      'Semua selisih nol: tidak ada perubahan untuk diuji; uji dan ukuran efek tidak dihitung.',
      'Semua selisih sama besar (tetapi bukan nol): simpangan baku perubahan nol, sehingga uji t, IK 95% dan d_z tidak dapat ' +
        'dihitung; uji Wilcoxon tetap dihitung.',
      'Tanda "–" berarti nilai tidak ada atau tidak dapat dihitung.',
    ]) +
    `<h3>Klien yang tidak dinilai ulang</h3>` +
    ul([
      'Tabel alur klien menunjukkan berapa klien terdaftar, keluar, dinilai awal, dinilai akhir dan dianalisis, per instrumen.',
      'Skor awal klien yang tidak dinilai ulang dibandingkan dengan skor awal klien yang dinilai ulang.',
      'Analisis sensitivitas (skor awal dibawa ke akhir): setiap klien dengan skor awal ikut dihitung, dan klien tanpa penilaian ' +
        'akhir dianggap tidak berubah. Bila hasilnya jauh lebih kecil daripada hasil pasangan saja, kenaikan itu terutama milik klien yang bertahan.',
    ]) +
    `<h3>Definisi lain</h3>` +
    ul([
      'Tingkat penyelesaian = klien selesai / (klien terdaftar - klien dipindahkan), hanya di laporan akhir.',
      'Positivitas urine per klien = klien yang pernah positif / klien yang pernah dites, dengan IK 95% Wilson; frekuensi tes ' +
        '(median per klien dan per 30 hari dalam program) ditulis di sampingnya, karena klien yang lebih sering dites lebih mungkin tercatat positif. ' +
        'Positivitas per tes = tes dengan minimal satu zat positif / semua tes. Bulan penerimaan klien baru ditandai.',
      'Kekambuhan dan residivisme (tindak pidana baru, ditangkap kembali, pembebasan bersyarat dicabut): jumlah kejadian, ' +
        'jumlah klien dengan minimal satu kejadian, persentasenya dari klien terdaftar dengan IK 95% Wilson (Wilson, 1927), dan ' +
        'kejadian per 100 bulan-orang pemantauan (dari tanggal pendaftaran sampai tanggal keluar atau tanggal data). Setelah klien ' +
        'berhenti, kejadian tidak lagi dipantau: hasilnya "tidak diketahui", bukan nol.',
    ]) +
    `<h3>Perlindungan data pribadi</h3>` +
    p(
      'Laporan ini tidak memuat identitas klien: tidak ada nama, NIK, nomor registrasi, alamat atau nomor telepon. ' +
        'Klien hanya muncul sebagai pseudonim (nomor urut berawalan K) yang berlaku di dalam laporan ini saja, pada keterangan ' +
        'garis per klien di grafik dan di enrollments.csv (UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi).',
    ) +
    `<h3>Sumber</h3>` +
    ul([
      'WHO (1996). WHOQOL-BREF: Introduction, Administration, Scoring and Generic Version of the Assessment.',
      'Purba, F. D. dkk. (2018). Quality of life of the Indonesian general population: test-retest reliability and population norms of the EQ-5D-5L and WHOQOL-BREF. PLoS ONE 13(5): e0197098.',
      'URICA scoring key (University of Rhode Island Change Assessment).',
      'Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian Journal of Statistics 6: 65-70.',
      'Kerby, D. S. (2014). The simple difference formula: an approach to teaching nonparametric correlation. Comprehensive Psychology 3.',
      'Lakens, D. (2013). Calculating and reporting effect sizes. Frontiers in Psychology 4: 863.',
      'Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. JASA 22: 209-212.',
      'Barnett, A. G., van der Pols, J. C., Dobson, A. J. (2005). Regression to the mean: what it is and how to deal with it. International Journal of Epidemiology 34: 215-220.',
    ]) +
    `</section>`
  );
}
