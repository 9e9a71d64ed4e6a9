/**
 * Naming cultures for synthetic identities. Names are built from syllable
 * parts so they are plausible but fictional; the lists deliberately avoid
 * whole names of real public figures. Cyrillic and Greek cultures are written
 * in their own script; the generator derives Latin spellings from them.
 */

export type Script = 'latin' | 'cyrillic' | 'greek';

export interface Culture {
  id: string;
  script: Script;
  /** Citizenship spellings an organisation might record (code, alpha-3, name). */
  citizenship: readonly string[];
  givenFemale: readonly [readonly string[], readonly string[]];
  givenMale: readonly [readonly string[], readonly string[]];
  surname: readonly [readonly string[], readonly string[]];
  /** Female surname form from the male one (Slavic and Greek endings). */
  feminise?: (surname: string) => string;
  places: readonly string[];
}

export const CULTURES: readonly Culture[] = [
  {
    id: 'romanian',
    script: 'latin',
    citizenship: ['RO', 'ROU', 'Romania'],
    givenFemale: [
      ['Flo', 'Mi', 'Lu', 'Ra', 'Sor', 'Ve', 'Ile', 'Cor', 'Dor', 'Ni'],
      ['rela', 'ana', 'dana', 'rina', 'vica', 'ela', 'nuța', 'lina'],
    ],
    givenMale: [
      ['Ște', 'Ga', 'Co', 'Vi', 'Dra', 'Mir', 'Tu', 'Ra'],
      ['fan', 'vril', 'stel', 'rel', 'gos', 'cea', 'dor', 'ian'],
    ],
    surname: [
      ['Pă', 'Dră', 'Stan', 'Mun', 'Vlă', 'Cos', 'Tăr', 'Bă', 'Ciu', 'Nis'],
      ['ulescu', 'ghici', 'eanu', 'escu', 'oiu', 'aru', 'ică'],
    ],
    places: ['Brăila', 'Vaslui', 'Iași', 'Galați', 'Bacău', 'Craiova'],
  },
  {
    id: 'moldovan',
    script: 'latin',
    citizenship: ['MD', 'MDA', 'Moldova'],
    givenFemale: [
      ['Ta', 'Do', 'Na', 'Au', 'Cri', 'Li', 'Eu', 'Zi'],
      ['tiana', 'ina', 'dejda', 'relia', 'stina', 'lia', 'genia', 'naida'],
    ],
    givenMale: [
      ['Ser', 'Vla', 'Ghe', 'Io', 'Vea', 'Ana', 'Pa', 'Va'],
      ['ghei', 'dimir', 'orghe', 'nel', 'ceslav', 'tol', 'vel', 'sile'],
    ],
    surname: [
      ['Ro', 'Ciob', 'Tur', 'Mo', 'Ce', 'Gu', 'Lu', 'Bur', 'Cro', 'Plă'],
      ['taru', 'anu', 'can', 'raru', 'banu', 'țu', 'chi', 'lea'],
    ],
    places: ['Bălți', 'Orhei', 'Cahul', 'Soroca', 'Ungheni'],
  },
  {
    id: 'edo',
    script: 'latin',
    citizenship: ['NG', 'NGA', 'Nigeria'],
    givenFemale: [
      ['Osa', 'Eki', 'Iye', 'Ama', 'Efo', 'Ose', 'Ito', 'Uyi'],
      ['remwen', 'nomwan', 'ghosa', 'rhunmwun', 'fe', 'wmwonyi', 'tua'],
    ],
    givenMale: [
      ['Osa', 'Ede', 'Igbi', 'Nosa', 'Uwa', 'Ehi', 'Oma', 'Ize'],
      ['gie', 'ghe', 'nosa', 'yemwen', 'moh', 'kpen', 'wanta'],
    ],
    surname: [
      ['Ogie', 'Igbi', 'Eghe', 'Idah', 'Aig', 'Uhun', 'Oba', 'Omo', 'Ere', 'Osag'],
      ['rhiawa', 'nedion', 'vbaye', 'osa', 'bovbiye', 'mwonyi', 'ghase'],
    ],
    places: ['Benin City', 'Ekpoma', 'Auchi', 'Uromi', 'Igueben'],
  },
  {
    id: 'albanian',
    script: 'latin',
    citizenship: ['AL', 'ALB', 'Albania'],
    givenFemale: [
      ['Dri', 'Fat', 'Ler', 'Ent', 'Ar', 'Mi', 'Bes', 'Xhe'],
      ['tona', 'bardha', 'jana', 'ela', 'lira', 'mira', 'ida', 'sila'],
    ],
    givenMale: [
      ['Ar', 'Gent', 'Ilir', 'Fat', 'Dri', 'Kre', 'Ber', 'Sok'],
      ['ben', 'ian', 'jon', 'lind', 'tim', 'shnik', 'ol', 'sim'],
    ],
    surname: [
      ['Hox', 'Ko', 'Ça', 'Dem', 'Lle', 'Shkë', 'Bal', 'Mar', 'Xha', 'Gje'],
      ['ha', 'çi', 'llari', 'iri', 'shaj', 'mbi', 'daj', 'kaj'],
    ],
    places: ['Elbasan', 'Fier', 'Korçë', 'Berat', 'Lezhë', 'Kukës'],
  },
  {
    id: 'ukrainian',
    script: 'cyrillic',
    citizenship: ['UA', 'UKR', 'Ukraine', 'Україна'],
    givenFemale: [
      ['Ок', 'Ол', 'Ган', 'Ір', 'Тет', 'Люд', 'Оле', 'Ю'],
      ['сана', 'ена', 'на', 'ина', 'яна', 'мила', 'ся', 'лія'],
    ],
    givenMale: [
      ['Тар', 'Бог', 'Ост', 'Мик', 'Ярос', 'Пет', 'Григ', 'Вас'],
      ['ас', 'дан', 'ап', 'ола', 'лав', 'ро', 'орій', 'иль'],
    ],
    surname: [
      ['Шев', 'Ков', 'Бонд', 'Ткач', 'Мель', 'Кравч', 'Гриц', 'Литв', 'Сав', 'Жур'],
      ['чук', 'аленко', 'аренко', 'ишин', 'ничук', 'ук', 'ай', 'енко'],
    ],
    places: ['Вінниця', 'Житомир', 'Херсон', 'Чернігів', 'Ужгород'],
  },
  {
    id: 'bulgarian',
    script: 'cyrillic',
    citizenship: ['BG', 'BGR', 'Bulgaria', 'България'],
    givenFemale: [
      ['Цве', 'Ве', 'Дес', 'Гер', 'Сне', 'Рад', 'Ми', 'Пав'],
      ['тана', 'селина', 'ислава', 'гана', 'жана', 'ка', 'лена', 'лина'],
    ],
    givenMale: [
      ['Ге', 'Хрис', 'Ди', 'Цве', 'Бо', 'Лю', 'Ни', 'Стоя'],
      ['орги', 'то', 'митър', 'тан', 'рис', 'бомир', 'колай', 'н'],
    ],
    surname: [
      ['Пет', 'Жив', 'Стоя', 'Ди', 'Хрис', 'Ан', 'Ко', 'Мар', 'Тод', 'Гер'],
      ['ров', 'ков', 'нов', 'мов', 'тов', 'гелов', 'лев', 'джиев'],
    ],
    feminise: (s) => s + 'а',
    places: ['Сливен', 'Пазарджик', 'Видин', 'Шумен', 'Ямбол'],
  },
  {
    id: 'greek',
    script: 'greek',
    citizenship: ['GR', 'GRC', 'Greece', 'Ελλάδα'],
    givenFemale: [
      ['Ελέ', 'Κατε', 'Βασι', 'Δέσ', 'Αγ', 'Σο', 'Ευ', 'Χρυ'],
      ['νη', 'ρίνα', 'λική', 'ποινα', 'γελική', 'φία', 'δοκία', 'σούλα'],
    ],
    givenMale: [
      ['Γιώρ', 'Κώσ', 'Δη', 'Νι', 'Σπύ', 'Θανά', 'Παν', 'Στα'],
      ['γος', 'τας', 'μήτρης', 'κος', 'ρος', 'σης', 'αγιώτης', 'μάτης'],
    ],
    surname: [
      ['Παπα', 'Κωνσταντ', 'Γεωργ', 'Νικολ', 'Μαυρ', 'Καρα', 'Αλεξ', 'Σταυρ', 'Ζαχαρ', 'Λαμπρ'],
      ['δόπουλος', 'ίνου', 'ιάδης', 'άκης', 'ίδης', 'γιάννης', 'άτος'],
    ],
    feminise: (s) =>
      s
        .replace(/(ίδ|ιάδ)ης$/, '$1ου')
        .replace(/ης$/, 'η')
        .replace(/ος$/, 'ου'),
    places: ['Λάρισα', 'Καβάλα', 'Πάτρα', 'Βόλος', 'Σέρρες'],
  },
  {
    id: 'vietnamese',
    script: 'latin',
    citizenship: ['VN', 'VNM', 'Viet Nam'],
    givenFemale: [
      ['Thị ', 'Ngọc ', 'Thu ', 'Kim '],
      ['Hằng', 'Lan', 'Mai', 'Thảo', 'Hương', 'Trang', 'Nhung', 'Yến', 'Phượng', 'Diệp'],
    ],
    givenMale: [
      ['Văn ', 'Đức ', 'Quang ', 'Minh '],
      ['Hùng', 'Tuấn', 'Khang', 'Phúc', 'Dũng', 'Long', 'Thắng', 'Hiếu', 'Lộc', 'Tài'],
    ],
    surname: [
      ['Ng', 'Tr', 'L', 'Ph', 'Đ', 'H', 'V', 'Kh'],
      ['uyễn', 'ần', 'ê', 'ạm', 'oàn', 'oàng', 'ũ', 'ương'],
    ],
    places: ['Nghệ An', 'Hà Tĩnh', 'Quảng Bình', 'Thanh Hóa', 'Hải Phòng'],
  },
  {
    id: 'chinese',
    script: 'latin',
    citizenship: ['CN', 'CHN', 'China'],
    givenFemale: [
      ['Xiǎo', 'Méi', 'Lì', 'Yù', 'Jìng', 'Chūn', 'Hóng', 'Yàn'],
      ['líng', 'huā', 'fāng', 'qín', 'wén', 'xiá', 'yún', 'lán'],
    ],
    givenMale: [
      ['Jiàn', 'Wěi', 'Zhì', 'Hǎi', 'Guó', 'Míng', 'Dōng', 'Jūn'],
      ['hóng', 'qiáng', 'gāng', 'bō', 'lóng', 'fēng', 'jié', 'chéng'],
    ],
    surname: [
      ['W', 'Zh', 'L', 'Ch', 'X', 'G', 'H', 'S'],
      ['áng', 'āng', 'ǐ', 'én', 'ú', 'uō', 'é', 'ūn'],
    ],
    places: ['Fújiàn', 'Wēnzhōu', 'Jílín', 'Zhèjiāng', 'Hēilóngjiāng'],
  },
  {
    id: 'thai',
    script: 'latin',
    citizenship: ['TH', 'THA', 'Thailand'],
    givenFemale: [
      ['Sup', 'Kan', 'Nan', 'Pim', 'Ratch', 'Wan', 'Cha', 'Siri'],
      ['aporn', 'ya', 'thida', 'chanok', 'anee', 'phen', 'lada', 'wan'],
    ],
    givenMale: [
      ['Som', 'Ana', 'Kit', 'Prasert', 'Thana', 'Wira', 'Cha', 'Nop'],
      ['chai', 'wat', 'tiphong', 'sak', 'phon', 'kul', 'rong', 'phadon'],
    ],
    surname: [
      ['Sri', 'Saen', 'Wong', 'Thong', 'Boon', 'Chai', 'Kaew', 'Phet', 'Rat', 'Suk'],
      ['somboon', 'prasert', 'sawat', 'kham', 'yuen', 'charoen', 'rattana', 'panya'],
    ],
    places: ['Udon Thani', 'Chiang Rai', 'Nakhon Phanom', 'Sakon Nakhon', 'Phayao'],
  },
];
